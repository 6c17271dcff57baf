/// Keyed hashes of byte runs for the polling detector's fixed-size keys and digests, fast enough for every
/// answer: a word at a time through a 64×64→128-bit multiply whose halves are folded (the mixing step of
/// wyhash and similar table hashes), in two lanes with independent keys, so one pass gives two independent
/// 64-bit words and the lanes' multiplies overlap. Not a cryptographic MAC; its keys are drawn per process
/// (from the standard library's randomly seeded `Hasher`), so nobody outside knows them and cannot aim at a
/// collision.
struct ByteHashing {
    private var first: UInt64
    private var second: UInt64
    private var length: UInt64 = 0
    /// The process's keys, read once: a global's every access would go through its lazy initialiser.
    private let keys: (UInt64, UInt64)

    /// A hash under the process's keys for `salt` (different salts give independent hashes).
    init(salt: UInt64) {
        keys = Self.processKeys
        first = Self.fold(salt ^ keys.0, Self.multiplier)
        second = Self.fold(salt ^ keys.1, Self.multiplier)
    }

    mutating func combine(_ value: UInt64) {
        mix(value)
        length &+= 8
    }

    /// Mixes in the bytes eight at a time, the last few packed into one word with their count, so runs of
    /// different lengths never hash alike by padding.
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        Self.forEachWord(of: bytes) { mix($0) }
        length &+= UInt64(bytes.count)
    }

    /// Two independent 64-bit hashes of everything combined.
    func finalize() -> (first: UInt64, second: UInt64) {
        (Self.fold(first ^ length ^ keys.0, Self.multiplier), Self.fold(second ^ length ^ keys.1, Self.multiplier))
    }

    private mutating func mix(_ word: UInt64) {
        first = Self.fold(first ^ word ^ keys.0, Self.multiplier)
        second = Self.fold(second ^ word ^ keys.1, Self.multiplier)
    }

    /// The first lane alone of a `ByteHashing(salt:)` that combined `bytes`: half the multiplies, for the
    /// callers that need one word.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, salt: UInt64) -> UInt64 {
        let key = processKeys.0
        var state = fold(salt ^ key, multiplier)
        forEachWord(of: UnsafeRawBufferPointer(bytes)) { state = fold(state ^ $0 ^ key, multiplier) }
        return fold(state ^ UInt64(bytes.count) ^ key, multiplier)
    }

    /// The hash of a string's UTF-8; no copy for a native string.
    static func hash(_ text: String, salt: UInt64) -> UInt64 {
        text.withUTF8Bytes { hash($0, salt: salt) }
    }

    /// The bytes as little-endian words, eight bytes each; the last 0–7 bytes packed into one more word with
    /// their count in the top byte.
    @inline(__always)
    private static func forEachWord(of bytes: UnsafeRawBufferPointer, _ body: (UInt64) -> Void) {
        var offset = 0
        while offset + 8 <= bytes.count {
            body(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        let rest = bytes.count - offset
        var tail = UInt64(rest) << 56
        if rest > 0, bytes.count >= 8 {  // the last eight bytes in one load, the ones already mixed shifted out
            tail |= bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) >> (8 * UInt64(8 - rest))
        } else {
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        }
        body(tail)
    }

    /// The 128-bit product's halves folded together: every input bit reaches every output bit.
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    private static var multiplier: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// Mixed into every step; random per process because `Hasher` is.
    private static let processKeys: (UInt64, UInt64) = {
        var first = Hasher()
        first.combine(0x6A09_E667_F3BC_C908 as UInt64)
        var second = Hasher()
        second.combine(0xBB67_AE85_84CA_A73B as UInt64)
        return (UInt64(truncatingIfNeeded: first.finalize()), UInt64(truncatingIfNeeded: second.finalize()))
    }()
}
