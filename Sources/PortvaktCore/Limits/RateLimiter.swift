/// The configured limits applied to requests: which rules match, a token from each or a refusal, what the
/// shadow rules would have done, and the rule whose fields the answer carries. Pure: the time is passed in
/// (a monotonic reading in the proxy, the log's timestamps in `replay`). Safe to share between threads.
public final class RateLimiter: Sendable {
    public let rules: RateLimitRuleSet
    /// Buckets held now.
    public var keyCount: Int { table.count }
    private let table: ShardedLimiter
    /// Each rule shrunk by the sanction ladder's `throttle` factor, with its `RateLimit-Policy` value. A
    /// throttled supplier draws from buckets of their own (rule positions past the configured ones): a
    /// bucket's state only means something under the policy it was built with.
    private let throttled: [(policy: TokenBucketPolicy, field: String)]

    /// Limits by `rules`, keeping about `capacity` buckets (more only while none of them is full); a
    /// throttled supplier gets `throttleFactor` of every rule's rate and burst (at least one token each).
    public init(rules: RateLimitRuleSet, capacity: Int, throttleFactor: Double = 0.25) {
        self.rules = rules
        self.table = ShardedLimiter(capacity: capacity)
        self.throttled = rules.rules.map { rule in
            let policy = rule.policy.scaled(by: throttleFactor)
            return (policy, RateLimitFields.policy(name: rule.name, policy: policy))
        }
    }

    /// Decides one request. A refused request takes no token from any enforced rule; shadow rules are
    /// decided each on its own, as if it were the only rule, and never refuse. Allocates nothing for an
    /// allowed request whose buckets are tracked (a refusal lists its rules' names).
    public func decide(
        route: Route, method: String, target: Substring, party: RequestParty, isThrottled: Bool = false, now: Int64
    ) -> RateLimitVerdict {
        rules.withChecks(route: route, method: method, target: target, party: party) { enforced, shadow in
            guard !enforced.isEmpty || !shadow.isEmpty else { return .unlimited }
            let ruleCount = rules.rules.count
            if isThrottled {
                for index in enforced.indices {
                    let rule = Int(enforced[index].key.rule)
                    enforced[index] = LimiterCheck(
                        rule: Int32(ruleCount + rule), subject: enforced[index].key.subject,
                        policy: throttled[rule].policy)
                }
            }
            var verdict = RateLimitVerdict.unlimited
            if !enforced.isEmpty {
                let outcome = table.decide(UnsafeBufferPointer(enforced), now: now)
                verdict.isAllowed = outcome.isAllowed
                verdict.retryAfterNanoseconds = outcome.retryAfterNanoseconds
                if !outcome.refusing.isEmpty {
                    verdict.violatedRules = outcome.refusing.map {
                        rules.rules[Int(enforced[$0].key.rule) % ruleCount].name
                    }
                }
                if let position = outcome.mostRestrictive, let decision = outcome.mostRestrictiveDecision {
                    let rule = Int(enforced[position].key.rule) % ruleCount
                    verdict.limiting = RateLimitVerdict.Limiting(
                        rule: rules.rules[rule].name,
                        policyField: isThrottled ? throttled[rule].field : rules.policyFields[rule],
                        decision: decision)
                }
            }
            for index in shadow.indices
            where !table.decide(UnsafeBufferPointer(rebasing: shadow[index...index]), now: now).isAllowed {
                verdict.shadowRefusals.append(rules.rules[Int(shadow[index].key.rule)].name)
            }
            return verdict
        }
    }
}
