import Testing

@testable import PortvaktCore

@Suite struct PollingDetectorTests {
    private typealias F = PollingFixture

    @Test func aListReadOnAFixedIntervalWithAMovingCursorIsPolling() {
        var fixture = F()
        fixture.reads(12, every: 60, target: { F.dialogs + "&updatedAfter=2026-11-24T06%3A\($0)%3A00Z" })
        let violations = fixture.detector.violations
        #expect(violations.count == 1)
        #expect(violations.first?.route == F.search)
        #expect(violations.first?.requests == 12)
        #expect(violations.first?.customers == 1)
        #expect(violations.first?.medianIntervalNanoseconds == 60 * F.second)
        #expect(violations.first?.unchangedRatio == 11.0 / 12.0)
        #expect(violations.first?.firstSeen == F.start)
        #expect(violations.first?.lastSeen == F.start + 660 * F.second)
        #expect((violations.first?.periodicity ?? 0) > 0.99)
    }

    /// `replay` makes each read's key from the target's bytes and hashes the digest where it reads it, then
    /// hands the detector both: the same reads judge alike.
    @Test func aReadWhoseKeyAndDigestHashAreMadeFromBytesIsJudgedAsItsStrings() {
        var (strings, bytes) = (F(), F())
        for index in 0..<40 {
            var target = F.dialogs + (index % 3 == 0 ? "&page=\(index % 2)" : "&updatedAfter=\(index)")
            let digest = index % 5 == 0 ? nil : "d\(index % 4)"
            let time = F.start + Int64(index) * 30 * F.second
            let status = index % 7 == 0 ? 304 : 200
            let expected = strings.detector.observe(
                time: time, supplier: "312345676", customer: "313999998", method: .get,
                host: "platform.tt02.altinn.no", target: target, route: F.search, status: status,
                responseDigest: digest)
            let key = target.withUTF8 {
                PollingSeriesKey(
                    supplier: "312345676", customer: "313999998", method: .get, host: "platform.tt02.altinn.no",
                    target: $0)
            }
            #expect(PollingDetector.isRead(method: .get, status: status))
            bytes.detector.prefetchIndex(key)
            bytes.detector.prefetchSeries(key)
            let verdict = bytes.detector.observeRead(
                time: time, supplier: "312345676", customer: "313999998", route: F.search, status: status, key: key,
                responseDigestHash: digest.map(ResponseDigestHash.init))
            #expect(verdict == expected, "read \(index)")
        }
        #expect(bytes.detector.violations == strings.detector.violations)
        #expect(!strings.detector.violations.isEmpty)
    }

    @Test(arguments: [
        (RequestMethod.get, 200, true), (.head, 204, true), (.get, 304, true), (.get, 301, false), (.get, 404, false),
        (.get, 503, false), (.post, 200, false), (.delete, 204, false),
    ])
    func onlyASuccessfulGETOrHEADIsARead(method: RequestMethod, status: Int, isRead: Bool) {
        #expect(PollingDetector.isRead(method: method, status: status) == isRead)
    }

    @Test func theVerdictComesWithTheReadThatMeetsTheThresholds() {
        var fixture = F()
        fixture.reads(9, every: 30)
        #expect(fixture.read(at: 270) == .read(unchanged: true, seriesIsPolling: true))
        var short = F()
        short.reads(8, every: 30)
        #expect(short.read(at: 240) == .read(unchanged: true, seriesIsPolling: false))
    }

    @Test func anAnswerAmongTheRecentOnesIsUnchanged() {
        var fixture = F()
        // A list that flips between three states is as stale as one that never changes.
        fixture.reads(12, every: 60, digest: { ["a", "b", "c"][$0 % 3] })
        #expect(fixture.isPolling)
        #expect(fixture.detector.violations.first?.unchangedRatio == 9.0 / 12.0)
    }

    @Test func aNotModifiedAnswerIsUnchanged() {
        var fixture = F()
        fixture.read(at: 0, digest: "first")
        for index in 1..<10 { fixture.read(at: Double(index) * 60, status: 304, digest: nil) }
        #expect(fixture.isPolling)
    }

    @Test func pagingOnceThroughAListIsNotPolling() {
        var fixture = F()
        fixture.reads(
            40, every: 0.5, target: { F.dialogs + "&continuationToken=page\($0)" }, digest: { "page\($0)" })
        #expect(!fixture.isPolling)
        #expect(fixture.detector.seriesCount == 1)
    }

    @Test func aBusyListWhoseEveryAnswerIsNewIsNotPolling() {
        var fixture = F()
        fixture.reads(200, every: 30, digest: { "state\($0)" })
        #expect(!fixture.isPolling)
    }

    @Test func readsFurtherApartThanTheMaximumIntervalAreNotPolling() {
        var fixture = F()
        fixture.reads(24, every: 601)
        #expect(!fixture.isPolling)
        var atTheLimit = F()
        atTheLimit.reads(24, every: 600)
        #expect(atTheLimit.isPolling)
    }

    @Test func writesAreNeverPolling() {
        var fixture = F()
        for index in 0..<50 {
            #expect(fixture.read(at: Double(index) * 10, method: .post) == .notARead)
            fixture.read(at: Double(index) * 10 + 1, method: .put)
        }
        #expect(!fixture.isPolling)
        #expect(fixture.detector.seriesCount == 0)
    }

    @Test func retriesAfterA503NeitherCountNorBreakTheSeries() {
        var fixture = F()
        for index in 0..<30 {
            #expect(fixture.read(at: Double(index), status: 503, digest: nil) == .notARead)
            fixture.read(at: Double(index) + 0.5, status: 429, digest: nil)
        }
        #expect(fixture.detector.seriesCount == 0)
        // A read every 120 s with quick retries after each 503: the intervals run between the reads.
        var polled = F()
        for index in 0..<10 {
            let time = Double(index) * 120
            polled.read(at: time, status: 503, digest: nil)
            polled.read(at: time + 1, status: 503, digest: nil)
            polled.read(at: time + 3)
        }
        #expect(polled.detector.violations.first?.medianIntervalNanoseconds == 120 * F.second)
    }

    @Test func fewerReadsThanTheMinimumAreNotPolling() {
        var fixture = F()
        fixture.reads(9, every: 1)
        #expect(!fixture.isPolling)
    }

    @Test func thresholdsComeFromTheConfiguration() {
        var strict = F(
            thresholds: PollingThresholds(minRequests: 3, maxIntervalNanoseconds: 5 * F.second, unchangedRatio: 0.5))
        strict.reads(3, every: 5)
        #expect(strict.isPolling)
        var lenient = F(
            thresholds: PollingThresholds(minRequests: 3, maxIntervalNanoseconds: 5 * F.second, unchangedRatio: 0.9))
        lenient.reads(3, every: 5)
        #expect(!lenient.isPolling)
    }

    @Test func eachCustomerIsItsOwnSeriesAndTheyRollUpIntoOneViolation() {
        var fixture = F()
        for index in 0..<10 {
            for customer in ["313999998", "314000001", "314000002"] {
                fixture.read(at: Double(index) * 60, customer: customer)
            }
        }
        // One customer read rarely: its series does not poll and does not count.
        for index in 0..<10 { fixture.read(at: Double(index) * 3600, customer: "315000000") }
        let violations = fixture.detector.violations
        #expect(fixture.detector.seriesCount == 4)
        #expect(violations.count == 1)
        #expect(violations.first?.customers == 3)
        #expect(violations.first?.requests == 30)
    }

    @Test func aSeriesThatStopsPollingKeepsItsEvidence() {
        var fixture = F()
        fixture.reads(10, every: 30)
        fixture.reads(40, every: 3600, from: 3600)
        // Polling until the hourly intervals are half of those in the window: 9 fast and 8 hourly ones.
        let violation = fixture.detector.violations.first
        #expect(violation?.requests == 18)
        #expect(violation?.lastSeen == F.start + 8 * 3600 * F.second)
        #expect(violation?.medianIntervalNanoseconds == 30 * F.second)
    }

    @Test func aPollingSeriesEvictedFromAFullTableStillCounts() {
        var fixture = F(capacity: 2)
        fixture.reads(10, every: 30)
        // Each read twice, so each takes a place in the table.
        for index in 0..<5 {
            for time in [300.0, 330] { fixture.read(at: time, target: "/dialogporten/api/v1/enduser/dialogs/\(index)") }
        }
        #expect(fixture.detector.seriesCount == 2)
        #expect(fixture.detector.violations.count == 1)
        #expect(fixture.detector.violations.first?.requests == 10)
    }

    @Test func seriesReadOncePushOutNoSeriesReadAgain() {
        var fixture = F(capacity: 2)
        // Read twice before any other, then fifty series read once between each two of its reads: in one table
        // of two series they would push it out every time.
        for index in 0..<10 {
            fixture.read(at: Double(index) * 30)
            for other in 0..<(index == 0 ? 0 : 50) {
                fixture.read(
                    at: Double(index) * 30 + 1, target: "/dialogporten/api/v1/enduser/dialogs/\(index)-\(other)")
            }
        }
        // The polling series, and the last two read once.
        #expect(fixture.detector.seriesCount == 3)
        #expect(fixture.detector.violations.first?.requests == 10)
    }

    @Test func aSeriesWhoseFirstReadWasForgottenStartsAgain() {
        var fixture = F(capacity: 2)
        fixture.read(at: 0)
        for other in 0..<2 { fixture.read(at: 1, target: "/dialogporten/api/v1/enduser/dialogs/\(other)") }
        fixture.reads(10, every: 30, from: 30)
        #expect(fixture.detector.violations.first?.requests == 10)
        #expect(fixture.detector.violations.first?.firstSeen == F.start + 30 * F.second)
    }

    /// Whatever the order of reads of several series, each verdict is the one a series of its own, never
    /// evicted, gives: holding first reads apart changes nothing a series sees.
    @Test func verdictsAreThoseOfOneSeriesPerKey() {
        var fixture = F(
            thresholds: PollingThresholds(minRequests: 3, maxIntervalNanoseconds: 40 * F.second, unchangedRatio: 0.5))
        var model: [String: PollingSeries] = [:]
        var generator = SystemRandomNumberGenerator()
        var seconds = 0.0
        for _ in 0..<3000 {
            seconds += Double(Int.random(in: 0...20, using: &generator))
            let target =
                F.dialogs
                + "&kind=\(Int.random(in: 0..<8, using: &generator))&x=\(Int.random(in: 0..<40, using: &generator))"
            let status = [200, 200, 200, 304, 503].randomElement(using: &generator)!
            let digest = status == 200 ? ["a", "b", "c", "d"].randomElement(using: &generator) : nil
            let verdict = fixture.read(at: seconds, target: target, status: status, digest: digest)
            guard status != 503 else {
                #expect(verdict == .notARead)
                continue
            }
            var series = model[target] ?? PollingSeries()
            let expected = series.record(
                time: F.start + Int64(seconds * 1e9), notModified: status == 304,
                digest: digest.map { ResponseDigestHash($0).value }, thresholds: fixture.detector.thresholds)
            model[target] = series
            #expect(verdict == .read(unchanged: expected.unchanged, seriesIsPolling: expected.polling))
        }
        #expect(fixture.detector.seriesCount == model.count)
    }

    @Test func violationsCarryAdviceForTheirRoute() {
        var fixture = F()
        fixture.reads(10, every: 30)
        #expect(fixture.detector.violations.first?.advice == PollingAdvice.advice(for: F.search))
    }
}
