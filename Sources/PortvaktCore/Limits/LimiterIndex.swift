/// The limiter table's hash index: open addressing with linear probing over the positions of its entries.
///
/// Why not a Dictionary: a slot is 4 bytes (a position, or `vacant`) and the keys stay in the table's dense
/// entry array, so a key costs 40 bytes of entry plus 8 to 16 bytes of index. The slot count is a power of
/// two, at least twice the keys, so a probe is short and mostly within one cache line. Removal shifts the
/// following run back (no tombstones), so probes never lengthen as keys come and go.
struct LimiterIndex: Sendable {
    /// A slot without a key.
    private static let vacant: Int32 = -1

    private var slots: [Int32]

    /// An index with room for `keys` keys before it grows.
    init(keys: Int) {
        slots = Array(repeating: Self.vacant, count: Self.slotCount(keys: keys))
    }

    /// The bytes the slots take.
    var allocatedBytes: Int { slots.capacity * MemoryLayout<Int32>.stride }

    /// Where `key` is in `entries`, or nil; and the slot that holds it, or the vacant slot it would take.
    func find(_ key: LimiterKey, in entries: [LimiterEntry]) -> (slot: Int, position: Int?) {
        let mask = slots.count - 1
        var slot = Self.home(key, mask: mask)
        while true {
            let position = slots[slot]
            if position == Self.vacant { return (slot, nil) }
            if entries[Int(position)].key == key { return (slot, Int(position)) }
            slot = (slot + 1) & mask
        }
    }

    /// Makes `slot` (one that `find` returned, nothing changed since) hold the entry at `position`.
    mutating func point(_ slot: Int, at position: Int) {
        slots[slot] = Int32(position)
    }

    /// Empties `slot` and shifts back each following key that may move closer to its home, so that every key
    /// stays reachable from its home without crossing a vacant slot.
    mutating func vacate(_ slot: Int, in entries: [LimiterEntry]) {
        let mask = slots.count - 1
        var hole = slot
        var next = (slot + 1) & mask
        while slots[next] != Self.vacant {
            let home = Self.home(entries[Int(slots[next])].key, mask: mask)
            // The key at `next` may fill the hole unless its home lies cyclically in (hole, next].
            if (next &- home) & mask >= (next &- hole) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Self.vacant
    }

    /// Makes room for one more key than `entries` holds, doubling the slots when they would pass half full.
    mutating func reserve(for entries: [LimiterEntry]) {
        precondition(entries.count < Int(Int32.max), "a limiter table holds fewer than 2^31 keys")
        guard 2 * (entries.count + 1) > slots.count else { return }
        slots = Array(repeating: Self.vacant, count: 2 * slots.count)
        let mask = slots.count - 1
        for position in entries.indices {
            var slot = Self.home(entries[position].key, mask: mask)
            while slots[slot] != Self.vacant { slot = (slot + 1) & mask }
            slots[slot] = Int32(position)
        }
    }

    /// A power of two at least twice `keys`.
    private static func slotCount(keys: Int) -> Int {
        var count = 2
        while count < 2 * keys { count *= 2 }
        return count
    }

    /// The slot a key's probe starts at. The subject is already a keyed hash; the rule, times an odd constant,
    /// gives each rule of one subject a different home.
    private static func home(_ key: LimiterKey, mask: Int) -> Int {
        let rule = UInt64(UInt32(bitPattern: key.rule)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: key.subject.first ^ rule) & mask
    }
}
