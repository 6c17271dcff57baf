/// The members a JSON object is expected to hold, in order, each with what its key stands for to the reader.
///
/// Every line of the proxy's own access log has the same keys in the same order. `JSONObjectScanner` compares
/// the bytes where a member starts with the opening it expects there (`"key":`, read as words), and only
/// when they differ looks for the key's end and looks the key up. A line in any other order, with blanks or
/// with escaped keys reads the same, member by member, only slower.
struct JSONMemberOrder<Key: Sendable>: Sendable {
    /// `"key":` as words to compare with the bytes where a member starts: its first sixteen bytes, masked to
    /// the opening's length, and its last eight when it is longer.
    struct Opening: Sendable {
        let head: (UInt64, UInt64)
        let headMasks: (UInt64, UInt64)
        let tail: UInt64
        let tailOffset: Int
        let tailMask: UInt64
        /// The opening's length in bytes.
        let count: Int
        /// The bytes a line must have left to be compared with the opening.
        let span: Int
        /// What the key stands for; nil for a member the reader skips.
        let key: Key?

        init(name: String, key: Key?) {
            self.key = key
            let bytes = Array("\"\(name)\":".utf8)
            count = bytes.count
            precondition(count <= 24, "the opening of '\(name)' is longer than the three words compared")
            span = max(16, count)
            let padded = bytes + Array(repeating: 0, count: span + 8 - count)
            let ones = Array(repeating: UInt8(0xFF), count: count) + Array(repeating: 0, count: span + 8 - count)
            func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
                bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            }
            head = (word(padded, at: 0), word(padded, at: 8))
            headMasks = (word(ones, at: 0), word(ones, at: 8))
            tailOffset = count > 16 ? count - 8 : 0
            tail = word(padded, at: tailOffset)
            tailMask = count > 16 ? ~0 : 0
        }

        /// Whether the `span` bytes at `start` begin with this opening.
        @inline(__always)
        func begins(_ start: UnsafeRawPointer) -> Bool {
            (start.loadUnaligned(as: UInt64.self) ^ head.0) & headMasks.0
                | (start.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ head.1) & headMasks.1
                | (start.loadUnaligned(fromByteOffset: tailOffset, as: UInt64.self) ^ tail) & tailMask == 0
        }
    }

    let openings: [Opening]

    init(_ members: [(name: String, key: Key?)]) {
        openings = members.map { Opening(name: $0.name, key: $0.key) }
    }
}
