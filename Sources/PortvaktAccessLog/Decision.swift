/// What the proxy did with a request, as the access log's `decision` records it.
public enum Decision: String, Sendable, CaseIterable {
    /// Forwarded upstream.
    case allowed
    /// Refused with 429 by a limit, or by a `throttle` sanction.
    case throttled
    /// Refused with 403 by a `cutoff` sanction.
    case blocked
    /// Forwarded, though a rule in shadow mode would have refused it.
    case shadow
    /// Answered 503 inside a planned maintenance window, without touching upstream.
    case maintenance
}
