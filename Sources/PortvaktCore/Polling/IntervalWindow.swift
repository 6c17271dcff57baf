/// The last `capacity` intervals between a series' reads, in whole milliseconds (rounded up, so a read a
/// hair beyond `max_interval` never counts as within it), kept twice: in arrival order, to know which one
/// leaves, and sorted, so the exact median costs O(1) and an update at most `capacity` moves.
struct IntervalWindow: Sendable {
    static let capacity = 32

    private var arrivals = InlineArray<32, UInt32>(repeating: 0)
    private var sorted = InlineArray<32, UInt32>(repeating: 0)
    /// The median of `sorted`, kept up to date by `record`: read on every answer, and reading it from the
    /// sorted copy there would copy the whole window first.
    private var median: Int64 = 0
    private(set) var count: UInt8 = 0
    private var next: UInt8 = 0

    /// Adds an interval of `nanoseconds` (clamped to about 49 days), dropping the oldest when full. The new
    /// interval takes the leaving one's place in the sorted copy and moves only past the intervals between
    /// the two; when it is the leaving one's length (a steady poll), nothing in the window changes but which
    /// interval is oldest, and the sorted copy is not searched.
    mutating func record(nanoseconds: Int64) {
        let milliseconds = UInt32(clamping: (max(nanoseconds, 0) + 999_999) / 1_000_000)
        let size = Int(count)
        if size == Self.capacity, arrivals[Int(next)] == milliseconds {
            next = (next + 1) % UInt8(Self.capacity)
            return
        }
        var hole = size
        if size == Self.capacity {
            hole = Self.position(of: arrivals.span[Int(next)], in: sorted.span)
        } else {
            count += 1
        }
        var sorted = self.sorted.mutableSpan
        while hole + 1 < size, sorted[hole + 1] < milliseconds {
            sorted[hole] = sorted[hole + 1]
            hole += 1
        }
        while hole > 0, sorted[hole - 1] > milliseconds {
            sorted[hole] = sorted[hole - 1]
            hole -= 1
        }
        sorted[hole] = milliseconds
        arrivals[Int(next)] = milliseconds
        next = (next + 1) % UInt8(Self.capacity)
        let count = Int(self.count)
        median = (Int64(sorted[count / 2]) + Int64(sorted[(count - 1) / 2])) * 1_000_000 / 2
    }

    /// The median in nanoseconds, the mean of the two middle ones for an even count; nil when empty.
    var medianNanoseconds: Int64? { count > 0 ? median : nil }

    /// The intervals from shortest to longest, in milliseconds.
    var sortedMilliseconds: [UInt32] { (0..<Int(count)).map { sorted[$0] } }

    /// The position in `sorted`, a full window, of one interval of `milliseconds` (there is one), by bisection.
    /// Static and given a span: as a method on `self`, called from `record`, it copied the whole window first.
    private static func position(of milliseconds: UInt32, in sorted: Span<UInt32>) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            // Unchecked (both are at most 32): with an overflow check and a signed halving at each step, a steady
            // update of a full window took 173 instructions rather than 123.
            let middle = (low &+ high) &>> 1
            if sorted[middle] < milliseconds { low = middle &+ 1 } else { high = middle }
        }
        return low
    }
}
