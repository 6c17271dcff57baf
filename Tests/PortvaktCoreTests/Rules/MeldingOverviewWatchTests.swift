import Testing

@testable import PortvaktCore

@Suite struct MeldingOverviewWatchTests {
    private static let list = Route(product: .correspondence, name: "correspondence.correspondence.list")
    private static let dialogs = Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search")
    private static let start: Int64 = 1_764_000_000_000_000_000

    private func listing(
        _ watch: inout MeldingOverviewWatch, _ supplier: String, customers: Range<Int>, status: Int = 200
    ) {
        for customer in customers {
            watch.observe(
                time: Self.start + Int64(customer), supplier: supplier, customer: "31\(customer)", route: Self.list,
                status: status)
        }
    }

    @Test func listingMeldingForManyCustomersWithoutDialogportenIsAFinding() {
        var watch = MeldingOverviewWatch(minCustomers: 3)
        listing(&watch, "312345676", customers: 0..<3)
        listing(&watch, "312345676", customers: 0..<3)
        #expect(
            watch.findings == [
                TermsFinding(
                    rule: "2.2-melding-overview", supplier: "312345676", route: Self.list, customers: 3, requests: 6,
                    firstSeen: Self.start, lastSeen: Self.start + 2, advice: watch.findings[0].advice)
            ])
        #expect(watch.findings.first?.advice.contains("Dialogporten") == true)
        #expect(MeldingOverviewWatch.rule == "2.2-melding-overview")
    }

    @Test func fewCustomersOrAnyDialogListReadIsNoFinding() {
        var watch = MeldingOverviewWatch(minCustomers: 3)
        listing(&watch, "312345676", customers: 0..<2)
        listing(&watch, "313000001", customers: 0..<5)
        watch.observe(time: Self.start, supplier: "313000001", customer: "310", route: Self.dialogs, status: 200)
        #expect(watch.findings.isEmpty)
    }

    /// More suppliers read dialog lists than the short list of known readers holds: each still counts as one,
    /// whether it read before or after listing Melding, and however often.
    @Test func everySupplierThatReadsADialogListIsNoFindingBeyondTheKnownReaders() {
        var watch = MeldingOverviewWatch(minCustomers: 3)
        let suppliers = (0..<(MeldingOverviewWatch.knownReadersCap * 2)).map { "31300\(1000 + $0)" }
        for (index, supplier) in suppliers.enumerated() {
            if index % 2 == 0 { listing(&watch, supplier, customers: 0..<5) }
            for _ in 0..<3 {
                watch.observe(time: Self.start, supplier: supplier, customer: "310", route: Self.dialogs, status: 200)
            }
            if index % 2 == 1 { listing(&watch, supplier, customers: 0..<5) }
        }
        listing(&watch, "312345676", customers: 0..<5)
        #expect(watch.findings.map(\.supplier) == ["312345676"])
    }

    @Test func failedReadsDoNotCount() {
        var watch = MeldingOverviewWatch(minCustomers: 3)
        listing(&watch, "312345676", customers: 0..<5, status: 503)
        #expect(watch.findings.isEmpty)
        // A failed dialog-list read is no evidence of using Dialogporten either.
        listing(&watch, "312345676", customers: 0..<3)
        watch.observe(time: Self.start, supplier: "312345676", customer: "310", route: Self.dialogs, status: 500)
        #expect(watch.findings.map(\.supplier) == ["312345676"])
    }

    @Test func theCustomerCountStopsAtTheCap() {
        var watch = MeldingOverviewWatch(minCustomers: 2, customerCap: 4)
        listing(&watch, "312345676", customers: 0..<10)
        #expect(watch.findings.first?.customers == 4)
        #expect(watch.findings.first?.requests == 10)
    }
}
