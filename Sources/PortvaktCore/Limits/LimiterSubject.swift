/// A 16-byte digest of whatever a rule keys on (supplier, client id, customer, IP …), so a limiter key has a
/// fixed size and lives inline in the table instead of as a heap string.
///
/// The two words are the two lanes of one keyed hash (`ByteHashing`, keys drawn per process, so someone
/// outside cannot pick subjects that collide) of the subject's UTF-8. Two distinct subjects share a digest
/// with odds about 2^-128, so among n live subjects a collision has odds about n² / 2^129 (10^-26 for a
/// million). A collision would make two subjects share a bucket.
public struct LimiterSubject: Sendable, Hashable {
    /// The first word; the limiter table's slot comes from it.
    let first: UInt64
    /// The second word; the limiter shard comes from it, so shard and slot are independent.
    let second: UInt64

    init(first: UInt64, second: UInt64) {
        self.first = first
        self.second = second
    }

    /// The digest of `subject`.
    public init(_ subject: String) {
        self.init(joining: subject)
    }

    /// The digest of `prefix + middle + suffix`, the same as of that string, without building it: a subject of
    /// one part (most keys) is hashed in place; the parts of any other are copied into a buffer on the stack
    /// (a long subject goes to the heap) and hashed in one pass.
    init(joining prefix: borrowing String, _ middle: borrowing String = "", _ suffix: borrowing String = "") {
        if middle.utf8.isEmpty, suffix.utf8.isEmpty {
            (first, second) = prefix.withUTF8Bytes { Self.digest(UnsafeRawBufferPointer($0)) }
            return
        }
        let total = prefix.utf8.count + middle.utf8.count + suffix.utf8.count
        (first, second) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { buffer in
            var written = Self.copy(prefix, into: buffer, at: 0)
            written = Self.copy(middle, into: buffer, at: written)
            written = Self.copy(suffix, into: buffer, at: written)
            return Self.digest(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<written])))
        }
    }

    @inline(__always)
    private static func digest(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var hasher = ByteHashing(salt: salt)
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// Copies `part`'s UTF-8 into `buffer` at `offset`; returns the offset after it. (A nested function
    /// adding to a captured count would pay a dynamic exclusivity check on every use.)
    private static func copy(_ part: borrowing String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int)
        -> Int
    {
        part.withUTF8Bytes { bytes in
            guard let source = bytes.baseAddress else { return offset }
            (buffer.baseAddress! + offset).initialize(from: source, count: bytes.count)
            return offset + bytes.count
        }
    }

    private static let salt: UInt64 = 0x7A1D_95C3_0E4B_26F8
}
