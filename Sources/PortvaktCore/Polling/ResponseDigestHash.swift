/// An answer's digest (its ETag or body hash) as the polling detector keeps it: a keyed 64-bit hash of the
/// digest's text. A reader that has the text as bytes in place, as `replay` has in the log line it scans,
/// hashes them there instead of making a string only to hash it.
public struct ResponseDigestHash: Sendable, Hashable {
    let value: UInt64

    @inline(__always)
    public init(_ text: String) {
        value = ByteHashing.hash(text, salt: Self.salt)
    }

    /// The hash of the digest whose UTF-8 is `bytes`: the same as of the string of those bytes.
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        value = ByteHashing.hash(bytes, salt: Self.salt)
    }

    private static let salt: UInt64 = 0x9B3F_61C8_0D2E_A574
}
