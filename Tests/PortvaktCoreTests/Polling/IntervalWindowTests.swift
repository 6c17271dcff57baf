import PortvaktTestSupport
import Testing

@testable import PortvaktCore

@Suite struct IntervalWindowTests {
    private let millisecond: Int64 = 1_000_000

    @Test func theMedianIsExact() {
        var window = IntervalWindow()
        #expect(window.medianNanoseconds == nil)
        for milliseconds: Int64 in [50, 10, 40] { window.record(nanoseconds: milliseconds * millisecond) }
        #expect(window.medianNanoseconds == 40 * millisecond)
        window.record(nanoseconds: 20 * millisecond)
        #expect(window.medianNanoseconds == 30 * millisecond)
    }

    @Test func theOldestIntervalLeavesAFullWindow() {
        var window = IntervalWindow()
        for _ in 0..<IntervalWindow.capacity { window.record(nanoseconds: 1000 * millisecond) }
        for _ in 0..<(IntervalWindow.capacity / 2 + 1) { window.record(nanoseconds: 5 * millisecond) }
        #expect(window.count == UInt8(IntervalWindow.capacity))
        #expect(window.medianNanoseconds == 5 * millisecond)
        #expect(window.sortedMilliseconds == window.sortedMilliseconds.sorted())
    }

    @Test func intervalsRoundUpToTheMillisecond() {
        var window = IntervalWindow()
        window.record(nanoseconds: 600 * 1_000_000_000 + 1)
        #expect(window.medianNanoseconds == 600_001 * millisecond)
    }
}

@Suite struct IntervalWindowReferenceTests {
    /// Against the obvious model (the last 32 intervals, sorted on demand), over runs with many repeats.
    @Test(.onOwnThreads) func theWindowMatchesTheLastIntervalsSorted() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var window = IntervalWindow()
            var model: [UInt32] = []
            for _ in 0..<200 {
                let milliseconds = UInt32.random(in: 0...12, using: &generator) * 250
                window.record(nanoseconds: Int64(milliseconds) * 1_000_000)
                model.append(milliseconds)
                if model.count > IntervalWindow.capacity { model.removeFirst() }
                let sorted = model.sorted()
                #expect(window.sortedMilliseconds == sorted)
                let median = (Int64(sorted[sorted.count / 2]) + Int64(sorted[(sorted.count - 1) / 2])) * 1_000_000 / 2
                #expect(window.medianNanoseconds == median)
            }
        }
    }
}
