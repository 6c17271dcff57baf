import Synchronization

/// The configured limits applied to requests: which rules match, a token from each or a refusal, what the
/// shadow rules would have done, and the fields the answer carries. Pure: the time is passed in (a
/// monotonic reading in the proxy, the log's timestamps in `replay`).
public final class RateLimiter: Sendable {
    public let rules: RateLimitRuleSet
    private let table: Mutex<LimiterTable>

    /// Limits by `rules`, keeping about `capacity` buckets (more only while none of them is full).
    public init(rules: RateLimitRuleSet, capacity: Int) {
        self.rules = rules
        self.table = Mutex(LimiterTable(capacity: capacity))
    }

    /// Decides one request. A refused request takes no token from any enforced rule; shadow rules are
    /// decided each on its own, as if it were the only rule, and never refuse.
    public func decide(route: Route, method: String, target: Substring, party: RequestParty, now: Int64)
        -> RateLimitVerdict
    {
        let checks = rules.checks(route: route, method: method, target: target, party: party)
        guard !checks.enforced.isEmpty || !checks.shadow.isEmpty else { return .unlimited }
        return table.withLock { table in
            let outcome = table.decide(checks.enforced, now: now)
            var verdict = RateLimitVerdict(
                isAllowed: outcome.isAllowed,
                violatedRules: outcome.refusing.map { rules.rules[Int(checks.enforced[$0].key.rule)].name },
                retryAfterNanoseconds: outcome.retryAfterNanoseconds)
            if let position = outcome.mostRestrictive {
                let rule = rules.rules[Int(checks.enforced[position].key.rule)]
                verdict.fields = RateLimitVerdict.Fields(rule: rule, decision: outcome.decisions[position])
            }
            for check in checks.shadow where !table.decide([check], now: now).isAllowed {
                verdict.shadowRefusals.append(rules.rules[Int(check.key.rule)].name)
            }
            return verdict
        }
    }
}
