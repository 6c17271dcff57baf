import NIOCore
import Testing

@testable import PortvaktSimulation

@Suite struct DialogLedgerTests {
    @Test func repeatedListsAreIdenticalUntilAChange() {
        var ledger = DialogLedger()
        let first = ledger.list(party: "urn:altinn:organization:identifier-no:313999998", limit: 100, offset: 0)
        let again = ledger.list(party: "urn:altinn:organization:identifier-no:313999998", limit: 100, offset: 0)
        #expect(first.body == again.body)
        #expect(first.etag == again.etag)
        #expect(first.etag.hasPrefix("\"") && first.etag.hasSuffix("\"") && first.etag.count == 34)

        _ = ledger.create()
        let afterCreate = ledger.list(party: "urn:altinn:organization:identifier-no:313999998", limit: 100, offset: 0)
        #expect(afterCreate.etag != first.etag)

        _ = ledger.update(id: ledger.dialogs.last!.id)
        let afterUpdate = ledger.list(party: "urn:altinn:organization:identifier-no:313999998", limit: 100, offset: 0)
        #expect(afterUpdate.etag != afterCreate.etag)
    }

    @Test func partiesGetTheirOwnList() {
        var ledger = DialogLedger()
        let one = ledger.list(party: "urn:altinn:organization:identifier-no:313999998", limit: 100, offset: 0)
        let other = ledger.list(party: "urn:altinn:organization:identifier-no:312345676", limit: 100, offset: 0)
        #expect(one.etag != other.etag)
    }

    @Test func theListIsAboutTwoKibibytes() {
        var ledger = DialogLedger()
        let list = ledger.list(party: "urn:altinn:organization:identifier-no:313999998", limit: 100, offset: 0)
        #expect((1500...2600).contains(list.body.readableBytes))
    }

    @Test func pagesCarryAContinuationToken() {
        var ledger = DialogLedger()
        let page = String(buffer: ledger.list(party: "p", limit: 3, offset: 0).body)
        #expect(page.contains("\"hasNextPage\":true"))
        #expect(page.contains("\"continuationToken\":\"3\""))
        let last = String(buffer: ledger.list(party: "p", limit: 3, offset: 3).body)
        #expect(last.contains("\"hasNextPage\":false"))
        #expect(last.contains("\"continuationToken\":null"))
    }

    @Test func updatesChangeOnlyThatRevision() {
        var ledger = DialogLedger()
        let before = ledger.dialogs
        let updated = ledger.update(id: before[1].id)
        #expect(updated?.revision != before[1].revision)
        #expect(ledger.dialogs[0] == before[0])
        #expect(ledger.update(id: "no-such-dialog") == nil)
    }

    @Test func seedsAreTheSameOnEveryRun() {
        #expect(DialogLedger().dialogs == DialogLedger().dialogs)
        #expect(StandInAltinn.seededDialogIDs == DialogLedger().dialogs.map(\.id))
    }
}
