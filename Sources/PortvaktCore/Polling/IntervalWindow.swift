/// The last `capacity` intervals between a series' reads, in whole milliseconds (rounded up, so a read a
/// hair beyond `max_interval` never counts as within it), kept twice: in arrival order, to know which one
/// leaves, and sorted, so the exact median costs O(1) and an update at most `capacity` moves.
struct IntervalWindow: Sendable {
    static let capacity = 32

    private var arrivals = InlineArray<32, UInt32>(repeating: 0)
    private var sorted = InlineArray<32, UInt32>(repeating: 0)
    private(set) var count: UInt8 = 0
    private var next: UInt8 = 0

    /// Adds an interval of `nanoseconds` (clamped to about 49 days), dropping the oldest when full.
    mutating func record(nanoseconds: Int64) {
        let milliseconds = UInt32(clamping: (max(nanoseconds, 0) + 999_999) / 1_000_000)
        var size = Int(count)
        if size == Self.capacity {
            removeSorted(arrivals[Int(next)])
            size -= 1
        }
        arrivals[Int(next)] = milliseconds
        next = (next + 1) % UInt8(Self.capacity)
        var position = size
        while position > 0, sorted[position - 1] > milliseconds {
            sorted[position] = sorted[position - 1]
            position -= 1
        }
        sorted[position] = milliseconds
        count = UInt8(size + 1)
    }

    /// The median in nanoseconds, the mean of the two middle ones for an even count; nil when empty.
    var medianNanoseconds: Int64? {
        let size = Int(count)
        guard size > 0 else { return nil }
        let upper = Int64(sorted[size / 2])
        let lower = Int64(sorted[(size - 1) / 2])
        return (upper + lower) * 1_000_000 / 2
    }

    /// The intervals from shortest to longest, in milliseconds.
    var sortedMilliseconds: [UInt32] { (0..<Int(count)).map { sorted[$0] } }

    private mutating func removeSorted(_ milliseconds: UInt32) {
        var position = 0
        while sorted[position] != milliseconds { position += 1 }
        for index in position..<(Int(count) - 1) { sorted[index] = sorted[index + 1] }
    }
}
