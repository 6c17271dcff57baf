/// Which bucket a request draws from: one per rule and subject (the supplier, client id, IP … the rule keys on).
public struct LimiterKey: Sendable, Hashable {
    /// The rule's position in the configuration.
    public var rule: Int32
    /// The rule's key value for this request.
    public var subject: String

    public init(rule: Int32, subject: String) {
        self.rule = rule
        self.subject = subject
    }
}

/// One matching rule of a request: whose bucket, and under which policy.
public struct LimiterCheck: Sendable, Hashable {
    public var key: LimiterKey
    public var policy: TokenBucketPolicy

    public init(rule: Int32, subject: String, policy: TokenBucketPolicy) {
        self.key = LimiterKey(rule: rule, subject: subject)
        self.policy = policy
    }
}

/// What the table answered to one request that matched some rules.
public struct LimiterOutcome: Sendable, Hashable {
    /// Whether every rule had a token; only then was one taken from each.
    public var isAllowed: Bool
    /// One per check, in the order given. Allowed: each bucket after its token was taken. Refused: each
    /// bucket as it stands (nothing was taken); the refusing ones have `isAllowed == false`.
    public var decisions: [TokenBucketDecision]
    /// Positions (in the checks) of every rule that refused, in order; empty when allowed.
    public var refusing: [Int]
    /// When refused: the longest wait any refusing rule asks for, so a retry then finds a token in every one
    /// of them (if nothing else takes it first); 0 when allowed.
    public var retryAfterNanoseconds: Int64
    /// The position of the rule whose RateLimit fields the response carries: the lowest `remaining`; on a tie,
    /// the shortest `resetNanoseconds` (the rule that will say the least about the near future is dropped
    /// in favour of the one that is tight soonest); on a further tie, the first. Nil when no rule matched.
    /// When refused this is always a refusing rule (they hold 0 tokens, an allowing rule at least 1).
    public var mostRestrictive: Int?
}

/// Every (rule, subject) bucket of one process, with bounded memory; pure: the time is passed in.
///
/// A request needs a token from each matching rule: all buckets are peeked first, and only if every one
/// would allow is a token taken from each, so a refusal by one rule never costs a token in another.
///
/// Memory: at most `capacity` keys while some can be forgotten. Only a key whose bucket is full is ever
/// evicted — a full bucket acts exactly like a fresh one, so eviction never changes a decision. When no
/// tracked bucket is full, the table grows past `capacity` rather than forget a bucket that still holds
/// state (forgetting one would hand its subject a fresh burst); it shrinks back as buckets refill.
///
/// Eviction is a clock sweep: keys sit in a dense array, and each insert at capacity examines at most
/// `sweepLimit` entries from a rotating hand, removing the full ones (swap with the last entry) until the
/// table is below capacity. The cost is O(1) per insert (at most `sweepLimit` bucket checks and
/// hash-table updates); requests for tracked keys never sweep.
public struct LimiterTable: Sendable {
    private struct Entry: Sendable {
        var key: LimiterKey
        var bucket: TokenBucket
        /// The policy the bucket was last used under, so the sweep can ask it whether it is full.
        var policy: TokenBucketPolicy
    }

    /// The number of keys the table keeps itself to while any of them can be evicted.
    public let capacity: Int
    /// The most entries one insert examines for eviction.
    public let sweepLimit: Int

    private var entries: [Entry] = []
    private var positions: [LimiterKey: Int] = [:]
    private var hand = 0

    /// A table of `capacity ≥ 1` keys; `sweepLimit ≥ 1` entries examined per insert at capacity.
    public init(capacity: Int, sweepLimit: Int = 8) {
        precondition(capacity >= 1 && sweepLimit >= 1)
        self.capacity = capacity
        self.sweepLimit = sweepLimit
        entries.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    /// The keys tracked.
    public var count: Int { entries.count }

    /// The bucket of `key` at `now` under `policy`, without taking a token (a key not tracked is full).
    public func peek(_ key: LimiterKey, now: Int64, policy: TokenBucketPolicy) -> TokenBucketDecision {
        bucket(key).peek(now: now, policy: policy)
    }

    /// Decides one request that matched `checks` (distinct keys): a token from each, or from none.
    ///
    /// The keys must be distinct (one check per rule): a key given twice would be peeked once but drawn twice.
    public mutating func decide(_ checks: [LimiterCheck], now: Int64) -> LimiterOutcome {
        assert(Set(checks.map(\.key)).count == checks.count, "a request checks each (rule, subject) once")
        var decisions: [TokenBucketDecision] = []
        decisions.reserveCapacity(checks.count)
        var refusing: [Int] = []
        var retryAfter: Int64 = 0
        for (position, check) in checks.enumerated() {
            let decision = bucket(check.key).peek(now: now, policy: check.policy)
            if !decision.isAllowed {
                refusing.append(position)
                retryAfter = max(retryAfter, decision.retryAfterNanoseconds)
            }
            decisions.append(decision)
        }
        if refusing.isEmpty {
            for (position, check) in checks.enumerated() {
                decisions[position] = take(check, now: now)
            }
        }
        return LimiterOutcome(
            isAllowed: refusing.isEmpty, decisions: decisions, refusing: refusing,
            retryAfterNanoseconds: retryAfter, mostRestrictive: Self.mostRestrictive(decisions))
    }

    private func bucket(_ key: LimiterKey) -> TokenBucket {
        positions[key].map { entries[$0].bucket } ?? TokenBucket()
    }

    /// Takes a token that the peek showed is there. A bucket just taken from is not full at `now`, so the
    /// sweep of a later insert in the same request cannot evict it.
    private mutating func take(_ check: LimiterCheck, now: Int64) -> TokenBucketDecision {
        if let position = positions[check.key] {
            entries[position].policy = check.policy
            return entries[position].bucket.decide(now: now, policy: check.policy)
        }
        if entries.count >= capacity { evict(now: now) }
        var bucket = TokenBucket()
        let decision = bucket.decide(now: now, policy: check.policy)
        positions[check.key] = entries.count
        entries.append(Entry(key: check.key, bucket: bucket, policy: check.policy))
        return decision
    }

    /// Examines up to `sweepLimit` entries from the hand and removes the full ones until below capacity.
    private mutating func evict(now: Int64) {
        var examined = 0
        while examined < sweepLimit, entries.count >= capacity, !entries.isEmpty {
            if hand >= entries.count { hand = 0 }
            examined += 1
            let entry = entries[hand]
            if entry.bucket.isFull(now: now, policy: entry.policy) {
                remove(at: hand)  // the last entry moved here; it is examined next
            } else {
                hand += 1
            }
        }
    }

    private mutating func remove(at position: Int) {
        positions[entries[position].key] = nil
        let last = entries.removeLast()
        if position < entries.count {
            entries[position] = last
            positions[last.key] = position
        }
    }

    private static func mostRestrictive(_ decisions: [TokenBucketDecision]) -> Int? {
        var best: Int?
        for (position, decision) in decisions.enumerated() {
            guard let current = best else {
                best = position
                continue
            }
            let held = decisions[current]
            if (decision.remaining, decision.resetNanoseconds) < (held.remaining, held.resetNanoseconds) {
                best = position
            }
        }
        return best
    }
}
