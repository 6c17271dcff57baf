import NIOHTTP1
import PortvaktCore

extension ProblemResponse {
    /// `503` in a planned maintenance window: `Retry-After` at its end; nothing went upstream.
    static func maintenance(of product: Product, until: Int64, now: Int64) -> ProblemResponse {
        var end: [UInt8] = []
        end.appendRFC3339(nanosecondsSinceEpoch: until)
        var problem = ProblemResponse(
            status: .serviceUnavailable, title: "Planned maintenance",
            detail:
                "\(product.rawValue) is in a planned maintenance window until \(String(decoding: end, as: UTF8.self)) "
                + "(terms sections 1.2.6 and 3.1); retry after it ends.")
        problem.extraHeaders = [("Retry-After", String(RateLimitFields.retryAfterSeconds(nanoseconds: until - now)))]
        return problem
    }

    /// `503` while the upstream's circuit breaker is open: it failed to connect or answer too often in a row.
    static func upstreamUnavailable(host: String, until: Int64, now: Int64) -> ProblemResponse {
        var problem = ProblemResponse(
            status: .serviceUnavailable, title: "Upstream unavailable",
            detail: "The upstream \(host) failed repeatedly; requests to it fail fast for now. Retry later.")
        problem.extraHeaders = [
            ("Retry-After", String(max(1, RateLimitFields.retryAfterSeconds(nanoseconds: until - now))))
        ]
        return problem
    }

    /// `503` under the cluster's `closed` failure policy: the shared limits cannot be asked, so nothing goes.
    static var sharedLimitsUnavailable: ProblemResponse {
        var problem = ProblemResponse(
            status: .serviceUnavailable, title: "Limits unavailable",
            detail: "The limits shared between this proxy's instances cannot be checked right now. Retry shortly.")
        problem.extraHeaders = [("Retry-After", "1")]
        return problem
    }
}
