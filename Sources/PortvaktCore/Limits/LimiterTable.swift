/// One tracked key: its bucket, without the policy (a bucket knows by itself whether it is full).
struct LimiterEntry: Sendable {
    var key: LimiterKey
    var bucket: TokenBucket
}

/// Every (rule, subject) bucket of one shard, in bounded memory; pure: the time is passed in.
///
/// A request needs a token from each matching rule: all buckets are peeked first, and only if every one
/// would allow is a token taken from each, so a refusal by one rule never costs a token in another.
///
/// Memory: at most `capacity` keys while some can be forgotten. Only a key whose bucket is full is ever
/// evicted — a full bucket acts exactly like a fresh one, so eviction never changes a decision. When no
/// tracked bucket is full, the table grows past `capacity` rather than forget a bucket that still holds
/// state (forgetting one would hand its subject a fresh burst); it shrinks back as buckets refill.
/// The storage for `capacity` keys is reserved up front (like nginx's shared zone): 40 bytes of entry and
/// 8 to 16 bytes of index per key (`allocatedBytes`). Past `capacity` the entries grow by an eighth of it at
/// a time rather than double, as such growth is an exception that a few more keys usually cover.
///
/// Eviction is a clock sweep: keys sit in a dense array, and each insert at capacity examines at most
/// `sweepLimit` entries from a rotating hand, removing the full ones (swap with the last entry) until the
/// table is below capacity. The cost is O(1) per insert (at most `sweepLimit` bucket checks and index
/// updates); requests for tracked keys never sweep, and never allocate.
public struct LimiterTable: Sendable {
    /// The number of keys the table keeps itself to while any of them can be evicted.
    public let capacity: Int
    /// The most entries one insert examines for eviction.
    public let sweepLimit: Int

    private var entries: [LimiterEntry] = []
    private var index: LimiterIndex
    private var hand = 0

    /// A table of `capacity ≥ 1` keys; `sweepLimit ≥ 1` entries examined per insert at capacity.
    public init(capacity: Int, sweepLimit: Int = 8) {
        precondition(capacity >= 1 && sweepLimit >= 1)
        self.capacity = capacity
        self.sweepLimit = sweepLimit
        entries.reserveCapacity(capacity)
        index = LimiterIndex(keys: capacity)
    }

    /// The keys tracked.
    public var count: Int { entries.count }

    /// The bytes of the table's storage (entries and index, from their capacities; a few words of array
    /// headers aside).
    public var allocatedBytes: Int {
        entries.capacity * MemoryLayout<LimiterEntry>.stride + index.allocatedBytes
    }

    /// The bucket of `key` at `now` under `policy`, without taking a token (a key not tracked is full).
    public func peek(_ key: LimiterKey, now: Int64, policy: TokenBucketPolicy) -> TokenBucketDecision {
        bucket(key).peek(now: now, policy: policy)
    }

    /// Decides one request that matched `checks` (at most 64, distinct keys): a token from each, or from none.
    ///
    /// The keys must be distinct (one check per rule): a key given twice would be peeked once but drawn twice.
    public mutating func decide(_ checks: [LimiterCheck], now: Int64) -> LimiterOutcome {
        assert(Self.keysAreDistinct(checks), "a request checks each (rule, subject) once")
        return LimiterOutcome(
            deciding: checks.count,
            allows: { allows(checks[$0], now: now) },
            peek: { peek(checks[$0].key, now: now, policy: checks[$0].policy) },
            take: { take(checks[$0], now: now) })
    }

    /// Whether `check`'s bucket has a token at `now` (a key not tracked has).
    func allows(_ check: LimiterCheck, now: Int64) -> Bool {
        bucket(check.key).allows(now: now, policy: check.policy)
    }

    /// Takes a token that `allows` (under the same lock, at the same `now`) showed is there. A bucket just taken
    /// from is not full at `now`, so the sweep of a later insert in the same request cannot evict it.
    mutating func take(_ check: LimiterCheck, now: Int64) -> TokenBucketDecision {
        let found = index.find(check.key, in: entries)
        if let position = found.position {
            return entries[position].bucket.decide(now: now, policy: check.policy)
        }
        var bucket = TokenBucket()
        let decision = bucket.decide(now: now, policy: check.policy)
        if entries.count >= capacity { evict(now: now) }
        if entries.count == entries.capacity { entries.reserveCapacity(entries.count + max(16, capacity / 8)) }
        index.reserve(for: entries)
        let slot = index.find(check.key, in: entries).slot
        index.point(slot, at: entries.count)
        entries.append(LimiterEntry(key: check.key, bucket: bucket))
        return decision
    }

    /// Whether no two checks share a key; by pairs, so that a debug build allocates no more than a release one.
    static func keysAreDistinct(_ checks: [LimiterCheck]) -> Bool {
        for later in checks.indices {
            for earlier in 0..<later where checks[earlier].key == checks[later].key { return false }
        }
        return true
    }

    private func bucket(_ key: LimiterKey) -> TokenBucket {
        index.find(key, in: entries).position.map { entries[$0].bucket } ?? TokenBucket()
    }

    /// Examines up to `sweepLimit` entries from the hand and removes the full ones until below capacity.
    private mutating func evict(now: Int64) {
        var examined = 0
        while examined < sweepLimit, entries.count >= capacity, !entries.isEmpty {
            if hand >= entries.count { hand = 0 }
            examined += 1
            if entries[hand].bucket.isFull(now: now) {
                remove(at: hand)  // the last entry moved here; it is examined next
            } else {
                hand += 1
            }
        }
    }

    /// Removes the entry at `position`, moving the last entry into its place.
    private mutating func remove(at position: Int) {
        index.vacate(index.find(entries[position].key, in: entries).slot, in: entries)
        let last = entries.count - 1
        if position < last {
            index.point(index.find(entries[last].key, in: entries).slot, at: position)
            entries[position] = entries[last]
        }
        entries.removeLast()
    }
}
