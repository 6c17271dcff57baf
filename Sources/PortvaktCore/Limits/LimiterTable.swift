/// Every (rule, subject) bucket of one shard, in bounded memory; pure: the time is passed in.
///
/// A request needs a token from each matching rule: all buckets are checked first, and only if every one
/// would allow is a token taken from each, so a refusal by one rule never costs a token in another.
///
/// Memory: at most `capacity` keys while some can be forgotten. Only a key whose bucket is full is ever
/// evicted — a full bucket acts exactly like a fresh one, so eviction never changes a decision. When no
/// tracked bucket is full, the table grows past `capacity` rather than forget a bucket that still holds
/// state (forgetting one would hand its subject a fresh burst); it shrinks back as buckets refill.
///
/// Layout: the entries (key and bucket, 32 bytes, see `LimiterEntry`) sit in one open-addressing array with
/// linear probing, so a decision on a key costs one cache miss, not two (an index and then an entry): the
/// difference is most of a decision's time once the table outgrows the caches. The array has 4/3 of
/// `capacity` slots, reserved up front (like nginx's shared zone) and aligned for cache and TLB
/// (`LimiterSlots`): about 43 bytes per key (`allocatedBytes`), up to half as much again where a large table is
/// rounded up to whole 2 MiB pages (the extra slots shorten the probes). Past 7/8 full it grows by half. Removal
/// shifts the following run back (no tombstones), so probes never lengthen as keys churn.
///
/// Eviction is a clock sweep: each insert at capacity examines at most `sweepLimit` keys from a rotating
/// hand over the slots, removing the full ones, until the table is below capacity. The cost is O(1) per
/// insert; requests for tracked keys never sweep, and never allocate.
public struct LimiterTable: Sendable {
    /// The number of keys the table keeps itself to while any of them can be evicted.
    public let capacity: Int
    /// The most keys one insert examines for eviction.
    public let sweepLimit: Int

    private var slots: LimiterSlots
    /// The keys tracked.
    public private(set) var count = 0
    private var hand = 0

    /// A table of `capacity ≥ 1` keys; `sweepLimit ≥ 1` keys examined per insert at capacity.
    public init(capacity: Int, sweepLimit: Int = 8) {
        precondition(capacity >= 1 && sweepLimit >= 1)
        self.capacity = capacity
        self.sweepLimit = sweepLimit
        slots = LimiterSlots(minimumCount: capacity + capacity / 3 + 2)
    }

    /// The bytes of the table's storage.
    public var allocatedBytes: Int { slots.byteCount }

    /// The bucket of `key` at `now` under `policy`, without taking a token (a key not tracked is full).
    public func peek(_ key: LimiterKey, now: Int64, policy: TokenBucketPolicy) -> TokenBucketDecision {
        bucket(key).peek(now: now, policy: policy)
    }

    /// Decides one request that matched `checks` (at most 64, distinct keys): a token from each, or from none.
    ///
    /// The keys must be distinct (one check per rule): a key given twice would be checked once but drawn twice.
    public mutating func decide(_ checks: [LimiterCheck], now: Int64) -> LimiterOutcome {
        checks.withUnsafeBufferPointer { decide($0, now: now) }
    }

    /// `decide(_:now:)` on checks held anywhere, such as a buffer on the caller's stack.
    public mutating func decide(_ checks: UnsafeBufferPointer<LimiterCheck>, now: Int64) -> LimiterOutcome {
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

    /// Takes a token if there is one (a refusal changes nothing, and a key not tracked always has one). A
    /// bucket just taken from is not full at `now`, so the sweep of a later insert in the same request cannot
    /// evict it.
    mutating func take(_ check: LimiterCheck, now: Int64) -> TokenBucketDecision {
        precondition(check.key.rule >= 0, "a rule is a position in the configuration")
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        let found = find(check.key)
        if found.isTracked {
            return slots.pointer(to: found.slot).pointee.bucket.decide(now: now, policy: check.policy)
        }
        var bucket = TokenBucket()
        let decision = bucket.decide(now: now, policy: check.policy)
        if count >= capacity { evict(now: now) }
        if 8 * (count + 1) > 7 * slots.count { grow() }
        slots[find(check.key).slot] = LimiterEntry(key: check.key, bucket: bucket)
        count += 1
        return decision
    }

    /// Whether no two checks share a key; by pairs, so that a debug build allocates no more than a release one.
    static func keysAreDistinct(_ checks: UnsafeBufferPointer<LimiterCheck>) -> Bool {
        for later in checks.indices {
            for earlier in 0..<later where checks[earlier].key == checks[later].key { return false }
        }
        return true
    }

    private func bucket(_ key: LimiterKey) -> TokenBucket {
        let found = find(key)
        return found.isTracked ? slots[found.slot].bucket : TokenBucket()
    }

    /// The slot that holds `key`, or the vacant slot where its probe ends (where it would go).
    private func find(_ key: LimiterKey) -> (slot: Int, isTracked: Bool) {
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry.isVacant { return (slot, false) }
            if entry.holds(key) { return (slot, true) }
            slot = slot + 1 == slots.count ? 0 : slot + 1
        }
    }

    /// The slot a key's probe starts at. The subject is already a keyed hash; the rule, times an odd constant,
    /// gives each rule of one subject a different home. Scaled to the slot count by a multiplication, which
    /// needs no power of two (so the table can be sized to `capacity`).
    private func home(_ key: LimiterKey) -> Int {
        let hash = key.subject.first ^ (UInt64(UInt32(bitPattern: key.rule)) &* 0x9E37_79B9_7F4A_7C15)
        return Int(hash.multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    /// Examines up to `sweepLimit` keys from the hand (and at most four times as many slots, so a run of
    /// vacant slots costs O(1) too) and removes the full ones until below capacity.
    private mutating func evict(now: Int64) {
        var examined = 0
        var steps = 0
        while examined < sweepLimit, steps < 4 * sweepLimit, count >= capacity {
            if hand >= slots.count { hand = 0 }
            steps += 1
            guard !slots[hand].isVacant else {
                hand += 1
                continue
            }
            examined += 1
            if slots[hand].bucket.isFull(now: now) {
                remove(at: hand)  // a later key of the run may have moved here; it is examined next
            } else {
                hand += 1
            }
        }
    }

    /// Empties `slot` and shifts back each following key that may move closer to its home, so that every key
    /// stays reachable from its home without crossing a vacant slot.
    private mutating func remove(at slot: Int) {
        var hole = slot
        var next = hole + 1 == slots.count ? 0 : hole + 1
        while !slots[next].isVacant {
            // The key at `next` may fill the hole unless its home lies cyclically in (hole, next].
            if distance(from: home(slots[next].key), to: next) >= distance(from: hole, to: next) {
                slots[hole] = slots[next]
                hole = next
            }
            next = next + 1 == slots.count ? 0 : next + 1
        }
        slots[hole] = .vacant
        count -= 1
    }

    /// Slots from `start` forward to `end`, wrapping at the end of the array.
    private func distance(from start: Int, to end: Int) -> Int {
        end >= start ? end - start : end - start + slots.count
    }

    /// Moves every key into an array half as large again (allocates; only an insert past 7/8 full does this).
    private mutating func grow() {
        let old = slots
        slots = LimiterSlots(minimumCount: old.count + old.count / 2)
        for slot in 0..<old.count where !old[slot].isVacant { slots[find(old[slot].key).slot] = old[slot] }
        hand = 0
    }
}
