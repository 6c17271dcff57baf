import Glibc
import PortvaktCore

/// The texts a log repeats line after line — suppliers, customers, client ids, hosts, routes — each made a
/// `String` once: a text's bytes are looked up by a hash and compared in place, and the string made the
/// first time is handed out again, so a repeated field costs no allocation and no UTF-8 validation.
///
/// Bounded: once `capacity` texts are held, new ones are made as strings every time (a log of unique
/// values costs a lookup per field, never unbounded memory). Open addressing with linear probing over
/// twice `capacity` slots.
struct TextInterner {
    /// Each slot's hash, and its text (nil while vacant): apart, so a probe reads a word and compares bytes
    /// in place, and never copies (retains) a text it passes over.
    private var hashes: [UInt64]
    private var texts: [String?]
    private let mask: Int
    private let capacity: Int
    private(set) var count = 0

    /// Room for `capacity` texts (rounded up to a power of two).
    init(capacity: Int = 1 << 14) {
        let size = max(2, (2 * capacity - 1).nextPowerOfTwo)
        hashes = Array(repeating: 0, count: size)
        texts = Array(repeating: nil, count: size)
        mask = size - 1
        self.capacity = size / 2
    }

    /// The string of the UTF-8 `bytes`, as `String(decoding:as:)` makes it.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while texts[slot] != nil {
            if hashes[slot] == hash, texts[slot]!.withUTF8Bytes({ Self.equal($0, bytes) }) { return texts[slot]! }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if count < capacity {
            hashes[slot] = hash
            texts[slot] = text
            count += 1
        }
        return text
    }

    /// Whether a text holds exactly `bytes`; a text made from bytes that were not UTF-8 holds their
    /// repairs instead, so it never equals them and such bytes are simply made again.
    private static func equal(_ stored: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        stored.count == bytes.count
            && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
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
