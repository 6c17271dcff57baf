import Glibc
import PortvaktCore

/// The texts a log repeats line after line — suppliers, customers, client ids, hosts, routes — each made a
/// `String` once: a text's bytes are looked up by a hash and compared with a copy of the bytes it was made
/// from, and the string made the first time is handed out again, so a repeated field costs no allocation,
/// no UTF-8 validation and no reference counting but the one of the string handed out.
///
/// Bounded: once `capacity` texts are held, new ones are made as strings every time (a log of unique
/// values costs a lookup per field, never unbounded memory), as are texts longer than `longestText`.
/// Open addressing with linear probing over twice `capacity` slots.
struct TextInterner {
    /// A slot's text: its hash, and where the bytes it was made from are in `arena` (length -1 while the
    /// slot is vacant). Apart from the strings, so a probe reads plain words and compares bytes in place,
    /// and never copies (retains) a string it passes over.
    private struct Entry {
        var hash: UInt64
        var offset: Int32
        var length: Int32

        static let vacant = Entry(hash: 0, offset: 0, length: -1)
    }

    private var entries: [Entry]
    /// Each slot's string; empty while vacant.
    private var texts: [String]
    private var arena: [UInt8] = []
    private let mask: Int
    private let capacity: Int
    private(set) var count = 0
    /// The longest text held; longer ones are made every time, so the arena stays within
    /// `capacity × longestText` bytes whatever the log holds.
    static let longestText = 256

    /// Room for `capacity` texts (rounded up to a power of two).
    init(capacity: Int = 1 << 14) {
        let size = max(2, (2 * capacity - 1).nextPowerOfTwo)
        entries = Array(repeating: .vacant, count: size)
        texts = Array(repeating: "", count: size)
        mask = size - 1
        self.capacity = size / 2
    }

    /// The string of the UTF-8 `bytes`, as `String(decoding:as:)` makes it.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while entries[slot].length >= 0 {
            let entry = entries[slot]
            if entry.hash == hash, Int(entry.length) == bytes.count, held(at: Int(entry.offset), equal: bytes) {
                return texts[slot]
            }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if count < capacity, bytes.count <= Self.longestText {
            entries[slot] = Entry(hash: hash, offset: Int32(arena.count), length: Int32(bytes.count))
            arena.append(contentsOf: bytes)
            texts[slot] = text
            count += 1
        }
        return text
    }

    /// Whether the arena holds exactly `bytes` from `offset` on (the lengths are equal already).
    private func held(at offset: Int, equal bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty
            || arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// A quick hash, eight bytes at a time, the last few as the last eight (overlapping bytes already mixed;
    /// the count, mixed first, keeps texts of different lengths apart). Not keyed: the log is the operator's
    /// own input, and a log made to collide only makes its own lookups slower.
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
