/// The configured limits applied to requests: which rules match, a token from each or a refusal, what the
/// shadow rules would have done, and the rule whose fields the answer carries. Pure: the time is passed in
/// (a monotonic reading in the proxy, the log's timestamps in `replay`). Safe to share between threads.
public final class RateLimiter: Sendable {
    public let rules: RateLimitRuleSet
    private let table: ShardedLimiter

    /// Limits by `rules`, keeping about `capacity` buckets (more only while none of them is full).
    public init(rules: RateLimitRuleSet, capacity: Int) {
        self.rules = rules
        self.table = ShardedLimiter(capacity: capacity)
    }

    /// Decides one request. A refused request takes no token from any enforced rule; shadow rules are
    /// decided each on its own, as if it were the only rule, and never refuse.
    public func decide(route: Route, method: String, target: Substring, party: RequestParty, now: Int64)
        -> RateLimitVerdict
    {
        let checks = rules.checks(route: route, method: method, target: target, party: party)
        guard !checks.enforced.isEmpty || !checks.shadow.isEmpty else { return .unlimited }
        var verdict = RateLimitVerdict.unlimited
        if !checks.enforced.isEmpty {
            let outcome = table.decide(checks.enforced, now: now)
            verdict.isAllowed = outcome.isAllowed
            verdict.retryAfterNanoseconds = outcome.retryAfterNanoseconds
            verdict.violatedRules = outcome.refusing.map { rules.rules[Int(checks.enforced[$0].key.rule)].name }
            if let position = outcome.mostRestrictive, let decision = outcome.mostRestrictiveDecision {
                let rule = Int(checks.enforced[position].key.rule)
                verdict.limiting = RateLimitVerdict.Limiting(
                    rule: rules.rules[rule].name, policyField: rules.policyFields[rule], decision: decision)
            }
        }
        for check in checks.shadow where !table.decide([check], now: now).isAllowed {
            verdict.shadowRefusals.append(rules.rules[Int(check.key.rule)].name)
        }
        return verdict
    }
}
