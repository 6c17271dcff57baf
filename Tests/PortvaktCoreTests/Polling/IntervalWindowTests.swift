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
