/// Keyed hashes of byte runs for the polling detector's fixed-size keys and digests and the limiter's subjects,
/// fast enough for every answer: sixteen bytes at a time through one 64×64→128-bit multiply of the two words,
/// each XORed with a key, whose halves are folded (the mixing step of wyhash), in two lanes with independent
/// keys, so one pass gives two independent 64-bit words and the lanes' multiplies overlap. Not a cryptographic
/// MAC; its keys are drawn per process (from the standard library's randomly seeded `Hasher`), so nobody
/// outside knows them and cannot aim at a collision.
struct ByteHashing {
    private var first: UInt64
    private var second: UInt64
    private var length: UInt64 = 0
    /// The process's keys, read once: a global's every access would go through its lazy initialiser.
    private let keys: Keys

    /// A hash under the process's keys for `salt` (different salts give independent hashes).
    @inline(__always)
    init(salt: UInt64) {
        keys = Self.processKeys
        first = Self.fold(salt ^ keys.first.0, keys.first.1)
        second = Self.fold(salt ^ keys.second.0, keys.second.1)
    }

    @inline(__always)
    mutating func combine(_ value: UInt64) {
        mix(value, 0)
        length &+= 8
    }

    /// Mixes in two words in one step, as sixteen bytes would be.
    @inline(__always)
    mutating func combine(_ low: UInt64, _ high: UInt64) {
        mix(low, high)
        length &+= 16
    }

    /// Mixes in the bytes sixteen at a time, the last few packed with their count, so runs of different
    /// lengths never hash alike by padding. Transparent, so always inlined: as `@inline(__always)` it stayed a
    /// call in the series key and the limiter's subject, about 50 instructions a part, the hash state stored
    /// and reloaded around it.
    @_transparent
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        Self.forEachPair(of: bytes) { mix($0, $1) }
        length &+= UInt64(bytes.count)
    }

    /// Two independent 64-bit hashes of everything combined.
    @inline(__always)
    func finalize() -> (first: UInt64, second: UInt64) {
        (
            Self.fold(first ^ length ^ keys.first.0, keys.first.1),
            Self.fold(second ^ length ^ keys.second.0, keys.second.1)
        )
    }

    @inline(__always)
    private mutating func mix(_ a: UInt64, _ b: UInt64) {
        first = Self.fold(first ^ a ^ keys.first.0, b ^ keys.first.1)
        second = Self.fold(second ^ a ^ keys.second.0, b ^ keys.second.1)
    }

    /// The first lane alone of a `ByteHashing(salt:)` that combined `bytes`: half the multiplies, for the
    /// callers that need one word.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, salt: UInt64) -> UInt64 {
        hash(bytes, salt: salt, key: processKeys.first)
    }

    /// `ByteHashing.hash(_:salt:)` under the keys this hasher holds: for a hash of part of what it combines,
    /// without the lazy global's check on every call.
    @inline(__always)
    func separateHash(of bytes: UnsafeBufferPointer<UInt8>, salt: UInt64) -> UInt64 {
        Self.hash(bytes, salt: salt, key: keys.first)
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, salt: UInt64, key: (UInt64, UInt64)) -> UInt64 {
        var state = fold(salt ^ key.0, key.1)
        forEachPair(of: UnsafeRawBufferPointer(bytes)) { state = fold(state ^ $0 ^ key.0, $1 ^ key.1) }
        return fold(state ^ UInt64(bytes.count) ^ key.0, key.1)
    }

    /// The hash of a string's UTF-8; no copy for a native string.
    static func hash(_ text: String, salt: UInt64) -> UInt64 {
        text.withUTF8Bytes { hash($0, salt: salt) }
    }

    /// The bytes as pairs of little-endian words, sixteen bytes a pair; the last 0–15 bytes as one more pair
    /// (the last eight bytes and the eight before them, overlapping bytes already mixed shifted out, or packed
    /// byte by byte when fewer than eight), the count of those bytes in the top byte of the second word.
    @inline(__always)
    private static func forEachPair(of bytes: UnsafeRawBufferPointer, _ body: (UInt64, UInt64) -> Void) {
        var offset = 0
        while offset &+ 16 <= bytes.count {
            body(
                bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self))
            offset &+= 16
        }
        let rest = bytes.count &- offset
        var low: UInt64 = 0
        var high = UInt64(rest) << 56
        if rest >= 8 {
            low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if rest > 8 {
                high |= bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) >> (8 * UInt64(16 - rest))
            }
        } else if rest > 0, bytes.count >= 8 {
            low = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) >> (8 * UInt64(8 - rest))
        } else {
            for index in offset..<bytes.count { low |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        }
        body(low, high)
    }

    /// The 128-bit product's halves folded together: every input bit reaches every output bit.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Two keys per lane, one for each word of a pair.
    private typealias Keys = (first: (UInt64, UInt64), second: (UInt64, UInt64))

    /// Mixed into every step; random per process because `Hasher` is, and odd, so never zero.
    private static let processKeys: Keys = {
        func key(_ seed: UInt64) -> UInt64 {
            var hasher = Hasher()
            hasher.combine(seed)
            return UInt64(truncatingIfNeeded: hasher.finalize()) | 1
        }
        return (
            (key(0x6A09_E667_F3BC_C908), key(0xBB67_AE85_84CA_A73B)),
            (key(0x3C6E_F372_FE94_F82B), key(0xA54F_F53A_5F1D_36F1))
        )
    }()
}
