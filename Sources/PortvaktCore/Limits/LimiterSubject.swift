/// A 16-byte digest of whatever a rule keys on (supplier, client id, customer, IP …), so a limiter key has a
/// fixed size and lives inline in the table instead of as a heap string.
///
/// The two words are independent 64-bit hashes (SipHash-1-3 via `Hasher`, two salts) of the subject's UTF-8,
/// keyed by the process's random seed: someone outside cannot pick subjects that collide. Two distinct
/// subjects share a digest with probability 2^-128, so among n live subjects a collision has odds about
/// n² / 2^129 (10^-26 for a million). A collision would make two subjects share a bucket.
public struct LimiterSubject: Sendable, Hashable {
    /// The first hash; the limiter table's slot comes from it.
    let first: UInt64
    /// The second hash; the limiter shard comes from it, so shard and slot are independent.
    let second: UInt64

    init(first: UInt64, second: UInt64) {
        self.first = first
        self.second = second
    }

    /// The digest of `subject`.
    public init(_ subject: String) {
        var text = subject
        (first, second) = text.withUTF8 { bytes in
            (Self.hash(bytes, salt: 0x7A1D_95C3_0E4B_26F8), Self.hash(bytes, salt: 0x3C58_E2A9_D417_B06B))
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, salt: UInt64) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(salt)
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(truncatingIfNeeded: hasher.finalize())
    }
}
