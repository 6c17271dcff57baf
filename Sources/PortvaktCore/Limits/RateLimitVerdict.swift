/// What the limits said about one request.
public struct RateLimitVerdict: Sendable, Hashable {
    /// The shadow rules that would have refused the request. First, so the memberwise initialiser's labels differ
    /// from the public one's, which delegates to it: see `RequestParty`.
    public var shadowRefusals: [String]
    /// Whether every enforced rule had a token (shadow rules never refuse).
    public var isAllowed: Bool
    /// The enforced rules that refused, in configuration order; empty when allowed.
    public var violatedRules: [String]
    /// When refused: how long until every refusing rule has a token again.
    public var retryAfterNanoseconds: Int64
    /// The most restrictive enforced rule, whose fields the answer carries; nil when no enforced rule matched.
    public var limiting: Limiting?

    /// No rule matched: nothing to say. Made afresh on each use: a stored value would be copied (its arrays
    /// retained) every time.
    public static var unlimited: RateLimitVerdict { unlimited(shadowRefusals: []) }

    /// No enforced rule matched; the shadow rules named would have refused.
    static func unlimited(shadowRefusals: [String]) -> RateLimitVerdict {
        RateLimitVerdict(isAllowed: true, violatedRules: [], retryAfterNanoseconds: 0, shadowRefusals: shadowRefusals)
    }

    /// A rule and its bucket as this request left it. The `RateLimit` value is only formatted when asked for:
    /// the proxy writes it on every answer, `replay` never needs it.
    public struct Limiting: Sendable, Hashable {
        /// First, so the memberwise initialiser's labels differ from the public one's: see `RequestParty`.
        public var decision: TokenBucketDecision
        public var rule: String
        /// `RateLimit-Policy`, the same for every request of the rule.
        public var policyField: String

        /// `RateLimit`: the tokens left, and the seconds until the bucket is full.
        public var rateLimitField: String {
            RateLimitFields.rateLimit(
                name: rule, remaining: decision.remaining, resetNanoseconds: decision.resetNanoseconds)
        }
    }

    /// `Retry-After` in whole seconds, rounded up, at least 1.
    public var retryAfterSeconds: Int64 { RateLimitFields.retryAfterSeconds(nanoseconds: retryAfterNanoseconds) }
}

extension RateLimitVerdict {
    public init(
        isAllowed: Bool, violatedRules: [String], retryAfterNanoseconds: Int64, limiting: Limiting? = nil,
        shadowRefusals: [String] = []
    ) {
        self.init(
            shadowRefusals: shadowRefusals, isAllowed: isAllowed, violatedRules: violatedRules,
            retryAfterNanoseconds: retryAfterNanoseconds, limiting: limiting)
    }
}

extension RateLimitVerdict.Limiting {
    public init(rule: String, policyField: String, decision: TokenBucketDecision) {
        self.init(decision: decision, rule: rule, policyField: policyField)
    }
}
