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
    /// decided each on its own, as if it were the only rule, and never refuse.
    public func decide(
        route: Route, method: String, target: Substring, party: RequestParty, isThrottled: Bool = false, now: Int64
    ) -> RateLimitVerdict {
        var checks = rules.checks(route: route, method: method, target: target, party: party)
        if isThrottled {
            for index in checks.enforced.indices {
                let rule = Int(checks.enforced[index].key.rule)
                checks.enforced[index] = LimiterCheck(
                    rule: Int32(rules.rules.count + rule), subject: checks.enforced[index].key.subject,
                    policy: throttled[rule].policy)
            }
        }
        guard !checks.enforced.isEmpty || !checks.shadow.isEmpty else { return .unlimited }
        var verdict = RateLimitVerdict.unlimited
        if !checks.enforced.isEmpty {
            let outcome = table.decide(checks.enforced, now: now)
            verdict.isAllowed = outcome.isAllowed
            verdict.retryAfterNanoseconds = outcome.retryAfterNanoseconds
            let ruleCount = rules.rules.count
            verdict.violatedRules = outcome.refusing.map {
                rules.rules[Int(checks.enforced[$0].key.rule) % ruleCount].name
            }
            if let position = outcome.mostRestrictive, let decision = outcome.mostRestrictiveDecision {
                let rule = Int(checks.enforced[position].key.rule) % ruleCount
                verdict.limiting = RateLimitVerdict.Limiting(
                    rule: rules.rules[rule].name,
                    policyField: isThrottled ? throttled[rule].field : rules.policyFields[rule], decision: decision)
            }
        }
        for check in checks.shadow where !table.decide([check], now: now).isAllowed {
            verdict.shadowRefusals.append(rules.rules[Int(check.key.rule)].name)
        }
        return verdict
    }
}
