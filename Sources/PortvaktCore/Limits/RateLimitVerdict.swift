/// What the limits said about one request.
public struct RateLimitVerdict: Sendable, Hashable {
    /// Whether every enforced rule had a token (shadow rules never refuse).
    public var isAllowed: Bool
    /// The enforced rules that refused, in configuration order; empty when allowed.
    public var violatedRules: [String]
    /// When refused: how long until every refusing rule has a token again.
    public var retryAfterNanoseconds: Int64
    /// The `RateLimit-Policy` and `RateLimit` values of the most restrictive enforced rule; nil when no
    /// enforced rule matched.
    public var fields: Fields?
    /// The shadow rules that would have refused the request.
    public var shadowRefusals: [String] = []

    /// No rule matched: nothing to say.
    public static let unlimited = RateLimitVerdict(isAllowed: true, violatedRules: [], retryAfterNanoseconds: 0)

    public struct Fields: Sendable, Hashable {
        public var policy: String
        public var rateLimit: String

        init(rule: RateLimitRule, decision: TokenBucketDecision) {
            policy = RateLimitFields.policy(name: rule.name, policy: rule.policy)
            rateLimit = RateLimitFields.rateLimit(
                name: rule.name, remaining: decision.remaining, resetNanoseconds: decision.resetNanoseconds)
        }
    }

    public init(
        isAllowed: Bool, violatedRules: [String], retryAfterNanoseconds: Int64, fields: Fields? = nil,
        shadowRefusals: [String] = []
    ) {
        self.isAllowed = isAllowed
        self.violatedRules = violatedRules
        self.retryAfterNanoseconds = retryAfterNanoseconds
        self.fields = fields
        self.shadowRefusals = shadowRefusals
    }

    /// `Retry-After` in whole seconds, rounded up, at least 1.
    public var retryAfterSeconds: Int64 { RateLimitFields.retryAfterSeconds(nanoseconds: retryAfterNanoseconds) }
}
