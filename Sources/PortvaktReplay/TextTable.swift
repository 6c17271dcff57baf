import Glibc

/// Values keyed by texts, looked up by the texts' UTF-8 bytes as the reader finds them in a line: a quick hash
/// of the bytes, then a comparison with a copy of the bytes each value was held for (an arena). A probe reads
/// plain words and never copies a value it passes over; no `Hasher` pass and no string is needed to look up.
///
/// Bounded: at most `capacity` values, each for a text of at most `longestText` bytes, so the arena stays
/// within `capacity × longestText` bytes whatever the log holds; `insert` declines the rest. Open addressing
/// with linear probing over twice `capacity` slots.
struct TextTable<Value> {
    /// A slot's text: its hash, and where its bytes are in `arena` (length -1 while the slot is vacant).
    private struct Entry {
        var hash: UInt64
        var offset: Int32
        var length: Int32

        static var vacant: Entry { Entry(hash: 0, offset: 0, length: -1) }
    }

    private var entries: [Entry]
    /// Each slot's value; nil while vacant.
    private var values: [Value?]
    private var arena: [UInt8] = []
    private let mask: Int
    private let capacity: Int
    private(set) var count = 0
    /// The longest text a value is held for.
    static var longestText: Int { 256 }

    /// Room for `capacity` values (rounded up to a power of two).
    init(capacity: Int) {
        let size = max(2, (2 * capacity - 1).nextPowerOfTwo)
        entries = Array(repeating: .vacant, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        self.capacity = size / 2
    }

    /// The value held for the text of `bytes`, if any.
    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let (slot, found) = probe(for: bytes, hash: Self.hash(bytes))
        return found ? values[slot] : nil
    }

    /// Holds `value` for the text of `bytes` (which has none yet); false when the table is full or the text
    /// too long, and nothing is held.
    @discardableResult
    mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count < capacity, bytes.count <= Self.longestText else { return false }
        let hash = Self.hash(bytes)
        let (slot, found) = probe(for: bytes, hash: hash)
        precondition(!found, "a text held twice")
        entries[slot] = Entry(hash: hash, offset: Int32(arena.count), length: Int32(bytes.count))
        arena.append(contentsOf: bytes)
        values[slot] = value
        count += 1
        return true
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
