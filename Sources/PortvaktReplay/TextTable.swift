import Glibc

/// Values keyed by texts, looked up by the texts' UTF-8 bytes as the reader finds them in a line: a quick hash
/// of the bytes, then a comparison with a copy of the bytes each value was held for (an arena). A probe reads
/// plain words and never copies a value it passes over; no `Hasher` pass and no string is needed to look up.
///
/// Bounded: at most `capacity` values, each for a text of at most `longestText` bytes, so the arena stays
/// within `capacity × longestText` bytes whatever the log holds; `insert` declines the rest. Open addressing
/// with linear probing, at most half the slots taken: the slots start few and double as texts come, up to
/// twice `capacity`, so a log of a few thousand texts keeps a table small enough to stay in cache beside the
/// lines streaming through (allocated at its full size, a day's table was half a megabyte of slots read at
/// random, six times a line). Each slot holds its value beside the text's hash, so a lookup that finds its text
/// reads one slot.
struct TextTable<Value> {
    /// A slot: its text's hash, where the text's bytes are in `arena` (length -1 while the slot is vacant), and
    /// its value.
    private struct Entry {
        var hash: UInt64
        var offset: Int32
        var length: Int32
        var value: Value?

        static var vacant: Entry { Entry(hash: 0, offset: 0, length: -1, value: nil) }
    }

    private var entries: [Entry]
    private var arena: [UInt8] = []
    private let capacity: Int
    private(set) var count = 0
    /// The slot count less one: the slots are a power of two.
    private var mask: Int { entries.count - 1 }
    /// The longest text a value is held for.
    static var longestText: Int { 256 }
    /// The slots a table starts with, unless its capacity needs fewer.
    private static var initialSlots: Int { 256 }

    /// Room for `capacity` values (rounded up to a power of two).
    init(capacity: Int) {
        self.capacity = max(2, (2 * capacity - 1).nextPowerOfTwo) / 2
        entries = Array(repeating: .vacant, count: min(2 * self.capacity, Self.initialSlots))
    }

    /// The value held for the text of `bytes`, if any.
    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let (slot, found) = probe(for: bytes, hash: Self.hash(bytes))
        return found ? entries[slot].value : nil
    }

    /// Holds `value` for the text of `bytes` (which has none yet); false when the table is full or the text
    /// too long, and nothing is held.
    @discardableResult
    mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count < capacity, bytes.count <= Self.longestText else { return false }
        if count == entries.count / 2 { doubleSlots() }
        let hash = Self.hash(bytes)
        let (slot, found) = probe(for: bytes, hash: hash)
        precondition(!found, "a text held twice")
        entries[slot] = Entry(hash: hash, offset: Int32(arena.count), length: Int32(bytes.count), value: value)
        arena.append(contentsOf: bytes)
        count += 1
        return true
    }

    /// Moves every held text to a table of twice the slots, each to where its hash now leads.
    private mutating func doubleSlots() {
        let held = entries
        entries = Array(repeating: .vacant, count: 2 * held.count)
        for entry in held where entry.length >= 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while entries[slot].length >= 0 { slot = (slot + 1) & mask }
            entries[slot] = entry
        }
    }

    /// The slot that holds the text of `bytes`, or the vacant one where its probe ends. Inlined with the hash
    /// into each lookup, six a line in `replay`: two calls fewer each.
    @inline(__always)
    private func probe(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, found: Bool) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while entries[slot].length >= 0 {
            let entry = entries[slot]
            if entry.hash == hash, Int(entry.length) == bytes.count, held(at: Int(entry.offset), equal: bytes) {
                return (slot, true)
            }
            slot = (slot + 1) & mask
        }
        return (slot, false)
    }

    /// Whether the arena holds exactly `bytes` from `offset` on (the lengths are equal already).
    private func held(at offset: Int, equal bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty
            || arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// A quick hash, eight bytes at a time, the last few as the last eight (overlapping bytes already mixed;
    /// the count, mixed first, keeps texts of different lengths apart). Not keyed: the log is the operator's
    /// own input, and a log made to collide only makes its own lookups slower.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        guard raw.count >= 8 else {
            var word: UInt64 = 0
            for index in raw.indices { word |= UInt64(raw[index]) << (8 * UInt64(index)) }
            return mix(hash ^ word)
        }
        var offset = 0
        while offset + 8 < raw.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        return mix(hash ^ raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return product.high ^ product.low
    }
}

extension Int {
    /// The least power of two at least `self` (1 for 0 or less).
    fileprivate var nextPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
