import NIOHTTP1
import PortvaktCore

/// What a sanctioned supplier is told: a one-line notice, or a problem that names §1.2.4 and the evidence.
enum SanctionNotice {
    /// `Portvakt-Notice` for a supplier at `notice`: what was seen and what to do instead, in printable ASCII.
    static func line(for standing: SupplierSanction.Standing) -> String {
        let text =
            standing.isManual
            ? "An operator has put this supplier on notice under section 1.2.4 of the Altinn terms of use."
            : "Portvakt has recorded API use against the Altinn terms of use (section 1.2.4, e.g. polling; 7.1, "
                + "screen scraping): subscribe to Altinn Events instead of repeating reads and use the documented "
                + "APIs; further violations lead to throttling."
        return String(text.unicodeScalars.map { (0x20...0x7E).contains($0.value) ? Character($0) : "?" })
    }

    static let problemType = "https://iana.org/assignments/http-problem-types#abnormal-usage-detected"
}

extension ProblemResponse {
    /// `403` for a supplier cut off, with `Retry-After` when the cut-off ends at a known time.
    static func cutOff(_ standing: SupplierSanction.Standing, now: Int64) -> ProblemResponse {
        let origin = standing.isManual ? "by an operator (terms section 1.2.8)" : "after repeated violations"
        let ends =
            standing.until.map { until in
                var bytes: [UInt8] = []
                bytes.appendRFC3339(nanosecondsSinceEpoch: until)
                return " until \(String(decoding: bytes, as: UTF8.self))"
            } ?? " until lifted"
        var problem = ProblemResponse(
            status: .forbidden, type: SanctionNotice.problemType, title: "Supplier cut off",
            detail: "This supplier is cut off \(origin)\(ends) under section 1.2.4 of the Altinn terms of use "
                + "(efficient and sustainable API use). The throttle report lists the evidence.")
        if let until = standing.until {
            problem.extraHeaders = [
                ("Retry-After", String(RateLimitFields.retryAfterSeconds(nanoseconds: until - now)))
            ]
        }
        return problem
    }

    /// `429` for a throttled supplier whose shrunk limit has no token left.
    static func throttledForAbnormalUsage(_ verdict: RateLimitVerdict, standing: SupplierSanction.Standing)
        -> ProblemResponse
    {
        let retryAfter = verdict.retryAfterSeconds
        var problem = ProblemResponse(
            status: .tooManyRequests, type: SanctionNotice.problemType, title: "Supplier throttled",
            detail: "This supplier is throttled under section 1.2.4 of the Altinn terms of use"
                + (standing.isManual ? " by an operator" : " after repeated violations")
                + ": its limits are reduced, and '\(verdict.violatedRules.joined(separator: "', '"))' has no token "
                + "left; retry after \(retryAfter) s.")
        problem.extraHeaders = [("Retry-After", String(retryAfter))]
        problem.extensions = [violatedPolicies(verdict)]
        return problem
    }
}
