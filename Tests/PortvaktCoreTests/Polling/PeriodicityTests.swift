import Testing

@testable import PortvaktCore

@Suite struct PeriodicityTests {
    @Test func aTimerScoresOne() {
        #expect(Periodicity.score(sortedMilliseconds: Array(repeating: 60_000, count: 20)) == 1)
    }

    @Test func aJitteredTimerScoresHigherThanScatteredReads() {
        let jittered: [UInt32] = (0..<20).map { 60_000 + UInt32($0 % 5) * 1_000 }.sorted()
        let scattered: [UInt32] = [100, 200, 900, 5_000, 20_000, 60_000, 300_000, 900_000, 3_600_000]
        #expect(Periodicity.score(sortedMilliseconds: jittered) > 0.9)
        #expect(Periodicity.score(sortedMilliseconds: scattered) < 0.5)
    }

    @Test func tooFewIntervalsScoreZero() {
        #expect(Periodicity.score(sortedMilliseconds: [1000, 1000]) == 0)
    }
}
