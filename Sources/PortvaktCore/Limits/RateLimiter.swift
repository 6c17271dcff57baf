/// The configured limits applied to requests: which rules match, a token from each or a refusal, what the
/// shadow rules would have done, and the rule whose fields the answer carries. Pure: the time is passed in
/// (a monotonic reading in the proxy, the log's timestamps in `replay`). Safe to share between threads.
public final class RateLimiter: Sendable {
    public let rules: RateLimitRuleSet
    /// Buckets held now.
    public var keyCount: Int { table.count }
    private let table: ShardedLimiter
    /// Each rule shrunk by the sanction ladder's `throttle` factor, with its `RateLimit-Policy` value. A
    /// throttled supplier draws from buckets of their own: a bucket's state only means something under the
    /// policy it was built with.
    private let throttled: [(policy: TokenBucketPolicy, field: String)]
    /// Where each rule's buckets are in the table (`LimiterKey.rule`), by the rule's position: its own and
    /// its throttled ones. Numbers are not positions so that a reloaded limiter can share the table and keep
    /// the buckets of the rules that did not change (see `init(rules:throttleFactor:carryingOver:)`).
    private let buckets: [Int32]
    private let throttledBuckets: [Int32]
    /// The inverse, by bucket number: the rule's position, or -1 for a number this limiter does not use.
    private let positionOfBucket: [Int]

    /// Limits by `rules`, keeping about `capacity` buckets (more only while none of them is full); a
    /// throttled supplier gets `throttleFactor` of every rule's rate and burst (at least one token each).
    public convenience init(
        rules: RateLimitRuleSet, capacity: Int, throttleFactor: Double = SanctionLadder.defaultThrottleFactor
    ) {
        let count = Int32(rules.rules.count)
        self.init(
            rules: rules, table: ShardedLimiter(capacity: capacity), throttleFactor: throttleFactor,
            buckets: Array(0..<count), throttledBuckets: Array(count..<(2 * count)))
    }

    /// A limiter for a reloaded configuration that shares `previous`'s buckets: a rule whose name, key and
    /// policy are unchanged keeps its buckets (so a reload forgives no one and punishes no one), and keeps
    /// its throttled ones as long as the throttle factor gives the same policy. Any other rule starts with
    /// fresh buckets; those of rules gone are forgotten as the table needs room. Both limiters may decide
    /// at the same time (requests in flight finish under the old one).
    public convenience init(
        rules: RateLimitRuleSet, throttleFactor: Double = SanctionLadder.defaultThrottleFactor,
        carryingOver previous: RateLimiter
    ) {
        struct Shape: Hashable {
            var name: String
            var key: RateLimitRule.KeyKind
            var policy: TokenBucketPolicy
        }
        var previousBuckets: [Shape: Int] = [:]
        for (position, rule) in previous.rules.rules.enumerated() {
            previousBuckets[Shape(name: rule.name, key: rule.key, policy: rule.policy)] = position
        }
        var next = Int32(previous.positionOfBucket.count)
        func fresh() -> Int32 {
            defer { next += 1 }
            return next
        }
        var buckets: [Int32] = []
        var throttledBuckets: [Int32] = []
        for rule in rules.rules {
            let kept = previousBuckets[Shape(name: rule.name, key: rule.key, policy: rule.policy)]
            buckets.append(kept.map { previous.buckets[$0] } ?? fresh())
            let throttledPolicy = rule.policy.scaled(by: throttleFactor)
            throttledBuckets.append(
                kept.flatMap { previous.throttled[$0].policy == throttledPolicy ? previous.throttledBuckets[$0] : nil }
                    ?? fresh())
        }
        self.init(
            rules: rules, table: previous.table, throttleFactor: throttleFactor, buckets: buckets,
            throttledBuckets: throttledBuckets)
    }

    private init(
        rules: RateLimitRuleSet, table: ShardedLimiter, throttleFactor: Double, buckets: [Int32],
        throttledBuckets: [Int32]
    ) {
        self.rules = rules
        self.table = table
        self.throttled = rules.rules.map { rule in
            let policy = rule.policy.scaled(by: throttleFactor)
            return (policy, RateLimitFields.policy(name: rule.name, policy: policy))
        }
        self.buckets = buckets
        self.throttledBuckets = throttledBuckets
        var positionOfBucket = Array(repeating: -1, count: Int((buckets + throttledBuckets).max() ?? -1) + 1)
        for position in buckets.indices {
            positionOfBucket[Int(buckets[position])] = position
            positionOfBucket[Int(throttledBuckets[position])] = position
        }
        self.positionOfBucket = positionOfBucket
    }

    /// Decides one request. A refused request takes no token from any enforced rule; shadow rules are
    /// decided each on its own, as if it were the only rule, and never refuse. Allocates nothing for an
    /// allowed request whose buckets are tracked (a refusal lists its rules' names).
    public func decide(
        route: Route, method: String, target: borrowing String, party: borrowing RequestParty,
        isThrottled: Bool = false,
        now: Int64
    ) -> RateLimitVerdict {
        target.withUTF8Bytes { target in
            decide(route: route, method: method, target: target, party: party, isThrottled: isThrottled, now: now)
        }
    }

    /// Decides one request as `decide(…target:…)` does, its target given as bytes.
    public func decide(
        route: Route, method: String, target: UnsafeBufferPointer<UInt8>, party: borrowing RequestParty,
        isThrottled: Bool = false,
        now: Int64
    ) -> RateLimitVerdict {
        decideChecks(route: route, method: method, target: target, party: party, isThrottled: isThrottled, now: now) {
            outcome, rulePosition, shadowRefusals in
            guard let outcome else { return RateLimitVerdict.unlimited(shadowRefusals: shadowRefusals) }
            return verdict(
                outcome, rulePosition: rulePosition, isThrottled: isThrottled, shadowRefusals: shadowRefusals)
        }
    }

    /// Decides one request as `decide` does, and says only whether it is allowed and which rules refused it: the
    /// enforced ones, then the shadow ones that would have. What `replay` counts, without a verdict to build and
    /// take apart (the most restrictive rule's two texts retained and released, every request).
    public func refusingRules(
        route: Route, method: String, target: UnsafeBufferPointer<UInt8>, party: borrowing RequestParty,
        isThrottled: Bool = false,
        now: Int64
    ) -> (isAllowed: Bool, rules: [String]) {
        decideChecks(route: route, method: method, target: target, party: party, isThrottled: isThrottled, now: now) {
            outcome, rulePosition, shadowRefusals in
            guard let outcome, !outcome.isAllowed else { return (true, shadowRefusals) }
            return (false, outcome.refusing.map { rules.rules[rulePosition($0)].name } + shadowRefusals)
        }
    }

    /// The request's checks decided: `body` gets the enforced checks' outcome (nil when no enforced rule
    /// matched), the rule of each of their positions, and the shadow rules that would have refused.
    @inline(__always)
    private func decideChecks<Result>(
        route: Route, method: String, target: UnsafeBufferPointer<UInt8>, party: borrowing RequestParty,
        isThrottled: Bool, now: Int64,
        _ body: (_ outcome: LimiterOutcome?, _ rulePosition: (Int) -> Int, _ shadowRefusals: [String]) -> Result
    ) -> Result {
        rules.withChecks(route: route, method: method, target: target, party: party) { enforced, shadow in
            guard !enforced.isEmpty || !shadow.isEmpty else { return body(nil, { $0 }, []) }
            // The rule set numbers its checks by position; the table knows them by bucket.
            for index in enforced.indices {
                let position = Int(enforced[index].key.rule)
                if isThrottled {
                    enforced[index] = LimiterCheck(
                        rule: throttledBuckets[position], subject: enforced[index].key.subject,
                        policy: throttled[position].policy)
                } else {
                    enforced[index].key.rule = buckets[position]
                }
            }
            for index in shadow.indices {
                shadow[index].key.rule = buckets[Int(shadow[index].key.rule)]
            }
            var shadowRefusals: [String] = []
            for index in shadow.indices
            where !table.decide(UnsafeBufferPointer(rebasing: shadow[index...index]), now: now).isAllowed {
                shadowRefusals.append(rules.rules[positionOfBucket[Int(shadow[index].key.rule)]].name)
            }
            guard !enforced.isEmpty else { return body(nil, { $0 }, shadowRefusals) }
            return body(
                table.decide(UnsafeBufferPointer(enforced), now: now),
                { positionOfBucket[Int(enforced[$0].key.rule)] }, shadowRefusals)
        }
    }

    /// The verdict of an outcome of the enforced checks; `rulePosition` gives the rule of a check's position.
    /// Made by one initialiser call: a verdict built up field by field was copied, strings and all, on the way.
    func verdict(
        _ outcome: LimiterOutcome, rulePosition: (Int) -> Int, isThrottled: Bool, shadowRefusals: [String] = []
    ) -> RateLimitVerdict {
        var limiting: RateLimitVerdict.Limiting?
        if let position = outcome.mostRestrictive, let decision = outcome.mostRestrictiveDecision {
            let rule = rulePosition(position)
            limiting = RateLimitVerdict.Limiting(
                rule: rules.rules[rule].name,
                policyField: isThrottled ? throttled[rule].field : rules.policyFields[rule],
                decision: decision)
        }
        return RateLimitVerdict(
            isAllowed: outcome.isAllowed,
            violatedRules: outcome.refusing.isEmpty ? [] : outcome.refusing.map { rules.rules[rulePosition($0)].name },
            retryAfterNanoseconds: outcome.retryAfterNanoseconds, limiting: limiting, shadowRefusals: shadowRefusals)
    }

    /// A rule's policy for a throttled supplier.
    func throttledPolicy(_ position: Int) -> TokenBucketPolicy { throttled[position].policy }
}
