/// 64-bit hashes of byte runs for the polling detector's fixed-size keys and digests: SipHash-1-3 through
/// `Hasher`, salted so the words of one key are independent, and seeded per process, so nobody outside can
/// pick inputs that collide.
enum ByteHashing {
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, salt: UInt64) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(salt)
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(truncatingIfNeeded: hasher.finalize())
    }

    /// The hash of a string's UTF-8; no copy for a native string.
    static func hash(_ text: String, salt: UInt64) -> UInt64 {
        if let hash = text.utf8.withContiguousStorageIfAvailable({ hash($0, salt: salt) }) { return hash }
        var copy = text
        return copy.withUTF8 { hash($0, salt: salt) }
    }
}
