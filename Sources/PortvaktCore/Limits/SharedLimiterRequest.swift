/// The buckets one request draws from, named so that every instance sharing its buckets (in Redis) names them
/// alike: by rule name, policy and the subject's text, never by this process's bucket numbers or digests.
public struct SharedLimiterRequest: Sendable, Equatable {
    /// One bucket: whose, under which policy.
    public struct Bucket: Sendable, Hashable {
        public var rule: String
        public var policy: TokenBucketPolicy
        /// What the rule keys on for this request: a supplier, `client:…`, an address, `anonymous@…`.
        public var subject: String

        public init(rule: String, policy: TokenBucketPolicy, subject: String) {
            self.rule = rule
            self.policy = policy
            self.subject = subject
        }
    }

    /// A token from each of these, or none: in configuration order.
    public var enforced: [Bucket]
    /// Each decided on its own, never refusing.
    public var shadow: [Bucket]
    /// The enforced rules' positions, to name them and find their fields.
    let enforcedRules: [Int]
    let isThrottled: Bool
}

extension RateLimiter {
    /// What `decide` would check for this request, for a decision made elsewhere; nil when no rule matches.
    public func sharedRequest(
        route: Route, method: String, target: borrowing String, party: RequestParty, isThrottled: Bool = false
    ) -> SharedLimiterRequest? {
        var enforced: [SharedLimiterRequest.Bucket] = []
        var shadow: [SharedLimiterRequest.Bucket] = []
        var enforcedRules: [Int] = []
        target.withUTF8Bytes { bytes in
            rules.forEachMatchingRule(route: route, method: method, target: bytes, supplier: party.supplier) {
                position in
                let rule = rules.rules[position]
                let subject = rule.key.subjectText(for: party)
                if rule.shadow {
                    shadow.append(.init(rule: rule.name, policy: rule.policy, subject: subject))
                } else {
                    let policy = isThrottled ? throttledPolicy(position) : rule.policy
                    enforced.append(.init(rule: rule.name, policy: policy, subject: subject))
                    enforcedRules.append(position)
                }
            }
        }
        guard !enforced.isEmpty || !shadow.isEmpty else { return nil }
        return SharedLimiterRequest(
            enforced: enforced, shadow: shadow, enforcedRules: enforcedRules, isThrottled: isThrottled)
    }

    /// The verdict on a shared request, from what its enforced buckets answered together (nil when it has none)
    /// and whether each shadow bucket would have allowed it.
    public func verdict(
        on request: SharedLimiterRequest, enforced outcome: LimiterOutcome?, shadowAllowed: [Bool]
    ) -> RateLimitVerdict {
        let shadowRefusals = zip(request.shadow, shadowAllowed).filter { !$0.1 }.map(\.0.rule)
        guard let outcome else { return RateLimitVerdict.unlimited(shadowRefusals: shadowRefusals) }
        return self.verdict(
            outcome, rulePosition: { request.enforcedRules[$0] }, isThrottled: request.isThrottled,
            shadowRefusals: shadowRefusals)
    }
}
