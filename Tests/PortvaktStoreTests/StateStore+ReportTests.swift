import Foundation
import Logging
import PortvaktCore
import PortvaktReport
import Testing

@testable import PortvaktStore

@Suite struct StateStoreReportTests {
    private static let hour: Int64 = 3_600_000_000_000
    private static let start: Int64 = 1_795_500_000 * 1_000_000_000
    private static let ladder = SanctionLadder(
        steps: [.init(level: .notice, after: 1), .init(level: .cutoff, after: 2, durationNanoseconds: 24 * hour)],
        windowNanoseconds: 24 * hour, recountNanoseconds: hour, forgiveAfterNanoseconds: 7 * 24 * hour)

    private func withStore(_ body: (StateStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore(path: directory + "/state.sqlite", logger: Logger(label: "test"))
        defer { store.close() }
        try body(store)
    }

    private static func evidence(_ rule: String, requests: Int) -> ThrottleReport.Violation {
        ThrottleReport.Violation(
            rule: rule, product: "dialogporten", route: "dialogporten.enduser.dialogs.search", customers: 3,
            requests: requests, medianIntervalSeconds: 30, unchangedRatio: 0.9, firstSeen: start, lastSeen: start,
            advice: "Subscribe to Altinn Events")
    }

    @Test func countsHoursLevelsAndEvidenceOfThePeriod() throws {
        try withStore { store in
            // Two hours of traffic for one supplier, one for another; a request before the period.
            for (offset, decision) in [(0, "allowed"), (0, "allowed"), (0, "shadow"), (1, "throttled"), (1, "blocked")]
            {
                store.count(
                    at: Self.start + Int64(offset) * Self.hour + 5, supplier: "312345676", product: "dialogporten",
                    decision: decision)
            }
            store.count(at: Self.start, supplier: "313000001", product: "broker", decision: "allowed")
            store.count(at: Self.start - 48 * Self.hour, supplier: "312345676", product: "broker", decision: "allowed")
            // Notice, then a 24 h cut-off, recorded with evidence; an older violation outside the period.
            var sanction = SupplierSanction()
            sanction.record(violation: "a", at: Self.start, ladder: Self.ladder)
            let notice = sanction.standing(at: Self.start, ladder: Self.ladder)
            store.record(.standing(supplier: "312345676", at: Self.start, notice, reason: nil))
            sanction.record(violation: "b", at: Self.start + Self.hour, ladder: Self.ladder)
            let cutoff = sanction.standing(at: Self.start + Self.hour, ladder: Self.ladder)
            store.record(.standing(supplier: "312345676", at: Self.start + Self.hour, cutoff, reason: nil))
            store.record(.ladder(supplier: "312345676", sanction.snapshot))
            store.record(
                .violation(
                    supplier: "312345676", recordedAt: Self.start - 48 * Self.hour,
                    Self.evidence("1.2.4-polling", requests: 1)))
            store.record(
                .violation(supplier: "312345676", recordedAt: Self.start, Self.evidence("1.2.4-polling", requests: 10)))
            store.record(
                .violation(
                    supplier: "312345676", recordedAt: Self.start + Self.hour,
                    Self.evidence("1.2.4-polling", requests: 20)))
            store.flush()

            let report = try store.report(from: Self.start, until: Self.start + 2 * Self.hour, ladder: Self.ladder)
            #expect(report.suppliers.map(\.supplier) == ["312345676", "313000001"])
            let supplier = report.suppliers[0]
            let counts: [Int] = [
                supplier.requests, supplier.allowed, supplier.throttled, supplier.blocked, supplier.wouldThrottle,
            ]
            #expect(counts == [5, 3, 1, 1, 2])
            #expect(
                supplier.usage == [
                    .init(hour: Self.start, requests: 3, allowed: 3, throttled: 0, blocked: 0),
                    .init(hour: Self.start + Self.hour, requests: 2, allowed: 0, throttled: 1, blocked: 1),
                ])
            #expect(supplier.level == .cutoff)
            #expect(supplier.violations.map(\.requests) == [20])
            #expect(
                supplier.sanctions == [
                    .init(
                        level: .notice, since: Self.start, until: Self.start + Self.hour, isManual: false, reason: nil),
                    .init(
                        level: .cutoff, since: Self.start + Self.hour, until: Self.start + 25 * Self.hour,
                        isManual: false, reason: nil),
                ])
            // A cut-off in the report comes with its written notice, in every rendering.
            #expect(report.html.contains("312345676"))
            #expect(ThrottleReport.Format.allCases.allSatisfy { !$0.render(report).isEmpty })

            let one = try store.report(
                from: Self.start, until: Self.start + 2 * Self.hour, supplier: "313000001", ladder: Self.ladder)
            #expect(one.suppliers.map(\.supplier) == ["313000001"])
            #expect(one.suppliers.first?.level == nil)
        }
    }

    /// The usage table has a row per product: a supplier's hour in the report is the sum of its products.
    @Test func sumsAnHoursProductsIntoOneHour() throws {
        try withStore { store in
            let traffic = [
                (0, "dialogporten", "allowed"), (0, "dialogporten", "allowed"), (0, "broker", "throttled"),
                (0, "correspondence", "blocked"), (0, "correspondence", "maintenance"), (1, "broker", "shadow"),
            ]
            for (offset, product, decision) in traffic {
                store.count(
                    at: Self.start + Int64(offset) * Self.hour, supplier: "312345676", product: product,
                    decision: decision)
            }
            store.count(at: Self.start, supplier: "313000001", product: "broker", decision: "allowed")
            store.flush()

            let report = try store.report(from: Self.start, until: Self.start + 2 * Self.hour, ladder: Self.ladder)
            #expect(report.suppliers.map(\.supplier) == ["312345676", "313000001"])
            let supplier = report.suppliers[0]
            #expect(
                supplier.usage == [
                    .init(hour: Self.start, requests: 5, allowed: 2, throttled: 1, blocked: 1),
                    .init(hour: Self.start + Self.hour, requests: 1, allowed: 1, throttled: 0, blocked: 0),
                ])
            let counts: [Int] = [
                supplier.requests, supplier.allowed, supplier.throttled, supplier.blocked, supplier.wouldThrottle,
            ]
            #expect(counts == [6, 3, 1, 1, 2])
            #expect(report.suppliers[1].usage.map(\.requests) == [1])
        }
    }

    @Test func aLevelThatRanOutBeforeThePeriodIsLeftOut() throws {
        try withStore { store in
            let ended = SupplierSanction.Standing(
                level: .cutoff, since: Self.start, until: Self.start + Self.hour, isManual: true)
            store.record(.standing(supplier: "312345676", at: Self.start, ended, reason: "incident"))
            store.flush()
            let report = try store.report(
                from: Self.start + 2 * Self.hour, until: Self.start + 3 * Self.hour, ladder: Self.ladder)
            #expect(report.suppliers.isEmpty)
            let earlier = try store.report(from: Self.start, until: Self.start + 3 * Self.hour, ladder: Self.ladder)
            #expect(earlier.suppliers.first?.sanctions.first?.reason == "incident")
        }
    }
}
