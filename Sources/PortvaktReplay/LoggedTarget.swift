/// A logged request's target, path and query, as the log's bytes: a range of a buffer that the requests of one
/// batch share, so that reading a log makes no string per line (the limits, the detector and the catalogue read
/// targets as bytes anyway).
struct LoggedTarget: Sendable, Equatable {
    private var storage: [UInt8]
    private let range: Range<Int>

    init(_ text: String) {
        storage = Array(text.utf8)
        range = storage.indices
    }

    /// The target at `range` of a buffer the batch will share once it is whole (`share(_:)`).
    init(inSharedBufferAt range: Range<Int>) {
        storage = []
        self.range = range
    }

    /// Gives the target the batch's buffer, which holds its bytes at the range it was made with.
    mutating func share(_ buffer: [UInt8]) {
        storage = buffer
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The text, bytes that are not UTF-8 repaired as `String(decoding:as:)` repairs them.
    var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    static func == (left: Self, right: Self) -> Bool {
        left.withBytes { left in right.withBytes { left.elementsEqual($0) } }
    }
}
