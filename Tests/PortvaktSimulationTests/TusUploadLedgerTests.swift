import Testing

@testable import PortvaktSimulation

@Suite struct TusUploadLedgerTests {
    @Test func patchesAdvanceTheOffset() {
        var ledger = TusUploadLedger()
        #expect(ledger.upload(id: "u") == .init(offset: 0, length: nil))
        _ = ledger.create(id: "u", length: 100)
        #expect(
            ledger.patch(id: "u", claimedOffset: 0, byteCount: 40, length: nil)
                == .accepted(.init(offset: 40, length: 100)))
        #expect(
            ledger.patch(id: "u", claimedOffset: 40, byteCount: 60, length: nil)
                == .accepted(.init(offset: 100, length: 100)))
    }

    @Test func aWrongOffsetConflicts() {
        var ledger = TusUploadLedger()
        _ = ledger.patch(id: "u", claimedOffset: 0, byteCount: 10, length: 50)
        #expect(
            ledger.patch(id: "u", claimedOffset: 0, byteCount: 10, length: nil)
                == .conflict(.init(offset: 10, length: 50)))
        #expect(ledger.upload(id: "u").offset == 10)
    }

    @Test func deleteForgets() {
        var ledger = TusUploadLedger()
        _ = ledger.patch(id: "u", claimedOffset: 0, byteCount: 10, length: nil)
        ledger.delete(id: "u")
        #expect(ledger.upload(id: "u").offset == 0)
    }
}
