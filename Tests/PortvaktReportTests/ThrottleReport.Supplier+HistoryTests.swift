import PortvaktCore
import PortvaktReport
import Testing

@Suite struct ThrottleReportSupplierHistoryTests {
    private static let hour: Int64 = 3_600_000_000_000
    private static let start: Int64 = 1_795_500_000 * 1_000_000_000

    @Test func requestsGoToTheirHourInOrderEvenWhenALineComesLate() {
        var supplier = ThrottleReport.Supplier(supplier: "312345676")
        supplier.countUsage(at: Self.start + 5, allowed: true)
        supplier.countUsage(at: Self.start + 2 * Self.hour, blocked: true)
        supplier.countUsage(at: Self.start + Self.hour - 1, throttled: true)  // late, an hour back
        supplier.countUsage(at: Self.start + Self.hour, allowed: true)  // late, a new hour in between
        #expect(
            supplier.usage == [
                .init(hour: Self.start, requests: 2, allowed: 1, throttled: 1, blocked: 0),
                .init(hour: Self.start + Self.hour, requests: 1, allowed: 1, throttled: 0, blocked: 0),
                .init(hour: Self.start + 2 * Self.hour, requests: 1, allowed: 0, throttled: 0, blocked: 1),
            ])
    }

    @Test func eachChangeOfStandingEndsOneStretchAndBeginsTheNext() {
        var supplier = ThrottleReport.Supplier(supplier: "312345676")
        let notice = SupplierSanction.Standing(level: .notice, since: Self.start, until: nil, isManual: false)
        supplier.noteStanding(nil, at: Self.start - 1)
        supplier.noteStanding(notice, at: Self.start)
        supplier.noteStanding(notice, at: Self.start + 10)  // the same: nothing changes
        let cutoff = SupplierSanction.Standing(
            level: .cutoff, since: Self.start + Self.hour, until: Self.start + 3 * Self.hour, isManual: true)
        supplier.noteStanding(cutoff, at: Self.start + Self.hour, reason: "incident")
        supplier.noteStanding(nil, at: Self.start + 5 * Self.hour)  // it had ended by itself
        #expect(
            supplier.sanctions == [
                .init(level: .notice, since: Self.start, until: Self.start + Self.hour, isManual: false, reason: nil),
                .init(
                    level: .cutoff, since: Self.start + Self.hour, until: Self.start + 3 * Self.hour, isManual: true,
                    reason: "incident"),
            ])
        let again = SupplierSanction.Standing(
            level: .notice, since: Self.start + 6 * Self.hour, until: nil, isManual: false)
        supplier.noteStanding(again, at: Self.start + 6 * Self.hour)
        supplier.noteStanding(nil, at: Self.start + 7 * Self.hour)  // forgiven
        #expect(supplier.sanctions.last?.until == Self.start + 7 * Self.hour)
    }
}
