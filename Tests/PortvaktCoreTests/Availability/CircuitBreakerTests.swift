import PortvaktCore
import Testing

@Suite struct CircuitBreakerTests {
    private static let second: Int64 = 1_000_000_000

    @Test func opensAfterTheThresholdOfFailuresInARow() {
        var breaker = CircuitBreaker(failureThreshold: 3, coolDownNanoseconds: 30 * Self.second)
        breaker.record(reached: false, at: 1)
        breaker.record(reached: false, at: 2)
        breaker.record(reached: true, at: 3)  // an answer resets the count
        breaker.record(reached: false, at: 4)
        breaker.record(reached: false, at: 5)
        #expect(breaker.admit(at: 6) == .pass)
        breaker.record(reached: false, at: 7)
        #expect(breaker.state == .open(until: 7 + 30 * Self.second))
        #expect(breaker.admit(at: 8) == .refuse(until: 7 + 30 * Self.second))
    }

    @Test func afterTheCoolDownOneProbeDecides() {
        var breaker = CircuitBreaker(failureThreshold: 1, coolDownNanoseconds: 10 * Self.second)
        breaker.record(reached: false, at: 0)
        #expect(breaker.admit(at: 10 * Self.second) == .probe)
        // Others wait while the probe is out.
        #expect(breaker.admit(at: 11 * Self.second) == .refuse(until: 20 * Self.second))
        breaker.record(reached: false, at: 12 * Self.second)
        #expect(breaker.admit(at: 13 * Self.second) == .refuse(until: 22 * Self.second))
        #expect(breaker.admit(at: 22 * Self.second) == .probe)
        breaker.record(reached: true, at: 22 * Self.second + 1)
        #expect(breaker.admit(at: 22 * Self.second + 2) == .pass)
        #expect(breaker.state == .closed(consecutiveFailures: 0))
    }

    @Test func aProbeThatNeverReportsIsReplacedAfterACoolDown() {
        var breaker = CircuitBreaker(failureThreshold: 1, coolDownNanoseconds: 10 * Self.second)
        breaker.record(reached: false, at: 0)
        #expect(breaker.admit(at: 10 * Self.second) == .probe)
        #expect(breaker.admit(at: 20 * Self.second) == .probe)
    }
}
