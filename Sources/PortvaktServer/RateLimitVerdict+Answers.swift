import NIOHTTP1
import PortvaktCore

extension RateLimitVerdict.Limiting {
    /// Adds the draft-10 fields. Added, not replaced: an upstream's own `RateLimit` fields stay, and the
    /// field lines combine into one list as structured-field lists do.
    func add(to headers: inout HTTPHeaders) {
        headers.add(name: "RateLimit-Policy", value: policyField)
        headers.add(name: "RateLimit", value: rateLimitField)
    }
}

extension ProblemResponse {
    /// RFC 9457's `quota-exceeded`: a `429` naming every rule that had no token, with `Retry-After`.
    static func quotaExceeded(_ verdict: RateLimitVerdict, rules: RateLimitRuleSet) -> ProblemResponse {
        let retryAfter = verdict.retryAfterSeconds
        let named = verdict.violatedRules.map { name in
            rules.rules.first { $0.name == name }.map { "'\(name)' (\($0.summary))" } ?? "'\(name)'"
        }
        var problem = ProblemResponse(
            status: .tooManyRequests,
            type: "https://iana.org/assignments/http-problem-types#quota-exceeded",
            title: "Too Many Requests",
            detail: "The limit \(named.joined(separator: " and the limit ")) has no token left for this request; "
                + "retry after \(retryAfter) s. Nothing was forwarded.")
        problem.extraHeaders = [("Retry-After", String(retryAfter))]
        problem.extensions = [violatedPolicies(verdict)]
        return problem
    }

    /// The `violated-policies` member: the names of the rules that had no token.
    static func violatedPolicies(_ verdict: RateLimitVerdict) -> (String, String) {
        ("violated-policies", "[" + verdict.violatedRules.map { String(jsonQuoting: $0) }.joined(separator: ",") + "]")
    }
}
