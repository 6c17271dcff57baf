/// A set of positions in one request's checks, in one word so that an outcome never allocates.
///
/// A request checks at most `limit` rules; iteration yields the positions in ascending order.
public struct LimiterCheckPositions: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral {
    /// The most checks one request may have.
    public static let limit = 64

    private var bits: UInt64 = 0

    public init() {}

    public init(arrayLiteral positions: Int...) {
        for position in positions { insert(position) }
    }

    public var isEmpty: Bool { bits == 0 }
    public var count: Int { bits.nonzeroBitCount }

    public func contains(_ position: Int) -> Bool {
        (0..<Self.limit).contains(position) && bits & (1 << position) != 0
    }

    public mutating func insert(_ position: Int) {
        precondition((0..<Self.limit).contains(position), "a check position is below \(Self.limit)")
        bits |= 1 << position
    }

    public func makeIterator() -> Iterator { Iterator(remaining: bits) }

    public struct Iterator: IteratorProtocol {
        fileprivate var remaining: UInt64

        public mutating func next() -> Int? {
            guard remaining != 0 else { return nil }
            let position = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return position
        }
    }
}
