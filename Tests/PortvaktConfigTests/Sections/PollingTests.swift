import Testing

@testable import PortvaktConfig

@Suite struct PollingTests {
    @Test func defaultsToTheContract() {
        #expect(
            PortvaktConfiguration.Polling.default
                == .init(enabled: true, minRequests: 10, maxInterval: .seconds(600), unchangedRatio: 0.7))
    }

    @Test func readsEveryKey() throws {
        let polling = try parsed(
            "polling: { enabled: false, min_requests: 4, max_interval: 90s, unchanged_ratio: 0.9 }"
        )
        .polling
        #expect(polling == .init(enabled: false, minRequests: 4, maxInterval: .seconds(90), unchangedRatio: 0.9))
    }

    @Test func reportsValuesOutOfRange() {
        let yaml = """
            polling:
              min_requests: 1
              unchanged_ratio: 1.5
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:17: invalid number '1': must be at least 2",
                "portvakt.yaml:3:20: invalid number '1.5': must be from 0 to 1",
            ])
    }
}
