import Testing

@testable import PortvaktSimulation

@Suite struct FakeClockTests {
    @Test func formatsRFC3339OnOneDay() {
        #expect(FakeClock.timestamp(secondsAfterStart: 0) == "2026-11-24T06:00:00Z")
        #expect(FakeClock.timestamp(secondsAfterStart: 3725) == "2026-11-24T07:02:05Z")
        #expect(FakeClock.timestamp(secondsAfterStart: 10_000_000) == "2026-11-24T23:59:59Z")
    }
}
