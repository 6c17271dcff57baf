import Testing

@testable import PortvaktConfig

@Suite struct MaintenanceWindowTests {
    typealias MaintenanceWindow = PortvaktConfiguration.MaintenanceWindow
    private let second: Int64 = 1_000_000_000

    @Test func readsWindowsWithOffsets() throws {
        let maintenance = try parsed(
            """
            maintenance:
              - { product: broker, from: 2026-12-01T22:00:00Z, until: 2026-12-02T03:00:00+01:00 }
              - { product: broker, from: 2026-12-02T02:00:00Z, until: 2026-12-02T02:30:00.5Z }
              - { product: apps, from: 2026-12-01T22:00:00Z, until: 2026-12-01T23:00:00Z }
            """
        ).maintenance
        let start: Int64 = 1_796_162_400 * second
        #expect(
            maintenance == [
                MaintenanceWindow(
                    product: "broker", fromNanoseconds: start, untilNanoseconds: start + 4 * 3_600 * second),
                MaintenanceWindow(
                    product: "broker", fromNanoseconds: start + 4 * 3_600 * second,
                    untilNanoseconds: start + 4 * 3_600 * second + 1_800 * second + second / 2),
                MaintenanceWindow(product: "apps", fromNanoseconds: start, untilNanoseconds: start + 3_600 * second),
            ])
    }

    @Test func containsItsStartButNotItsEnd() {
        let window = MaintenanceWindow(product: "broker", fromNanoseconds: 10, untilNanoseconds: 20)
        #expect(window.contains(nanoseconds: 10))
        #expect(window.contains(nanoseconds: 19))
        #expect(!window.contains(nanoseconds: 20))
        #expect(!window.contains(nanoseconds: 9))
    }

    @Test func reportsAWindowEndingBeforeItStarts() {
        let yaml = """
            maintenance:
              - product: broker
                from: 2026-12-02T02:00:00Z
                until: 2026-12-01T22:00:00Z
            """
        #expect(
            problems(yaml) == ["portvakt.yaml:4:12: maintenance window must end ('until') after it starts ('from')"])
    }

    @Test func reportsOverlappingWindowsOfOneProduct() {
        let yaml = """
            maintenance:
              - { product: broker, from: 2026-12-01T22:00:00Z, until: 2026-12-02T02:00:00Z }
              - { product: events, from: 2026-12-01T22:00:00Z, until: 2026-12-02T02:00:00Z }
              - { product: broker, from: 2026-12-02T01:00:00+01:00, until: 2026-12-02T05:00:00Z }
            """
        #expect(problems(yaml) == ["portvakt.yaml:4:5: maintenance window for broker overlaps the one on line 2"])
    }

    @Test func reportsBadAndMissingValues() {
        let yaml = """
            maintenance:
              - product: brokr
                from: 2026-12-01 22:00
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:5: missing 'until' in maintenance[0]",
                "portvakt.yaml:2:14: invalid product 'brokr': expected one of dialogporten, correspondence, broker, "
                    + "events, storage, apps, authentication, unknown (did you mean 'broker'?)",
                "portvakt.yaml:3:11: invalid timestamp '2026-12-01 22:00': expected RFC 3339 such as "
                    + "2026-12-01T22:00:00Z or 2026-12-01T23:00:00+01:00",
            ])
    }
}
