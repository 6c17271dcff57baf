import Foundation
import Logging
import PortvaktCore
import PortvaktReport
import Testing

@testable import PortvaktStore

@Suite struct StateStoreTests {
    private static let hour: Int64 = 3_600_000_000_000
    private static let start: Int64 = 1_795_500_000 * 1_000_000_000
    private static let logger = Logger(label: "test")

    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("portvakt-store-\(UInt64.random(in: 0...UInt64.max))/state.sqlite").path
    }

    private static let evidence = ThrottleReport.Violation(
        rule: "1.2.4-polling", product: "dialogporten", route: "dialogporten.enduser.dialogs.search", customers: 12,
        requests: 500, medianIntervalSeconds: 30, unchangedRatio: 0.96, firstSeen: start, lastSeen: start + hour,
        advice: "Subscribe to Altinn Events", periodicity: 0.9)

    private static var cutOff: SupplierSanction.Snapshot {
        var sanction = SupplierSanction()
        let ladder = SanctionLadder(
            steps: [.init(level: .notice, after: 1), .init(level: .cutoff, after: 2, durationNanoseconds: 24 * hour)],
            windowNanoseconds: 24 * hour, recountNanoseconds: hour, forgiveAfterNanoseconds: 7 * 24 * hour)
        sanction.record(violation: "a", at: start, ladder: ladder)
        sanction.record(violation: "b", at: start + 1, ladder: ladder)
        sanction.manual = .init(level: .throttle, since: start + 2, until: nil, reason: "incident 42")
        return sanction.snapshot
    }

    @Test func whatIsWrittenIsRestoredAfterReopening() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try StateStore(path: path, logger: Self.logger)
        store.record(.ladder(supplier: "312345676", Self.cutOff))
        store.record(.violation(supplier: "312345676", recordedAt: Self.start, Self.evidence))
        var later = Self.evidence
        later.requests = 600
        store.record(.violation(supplier: "312345676", recordedAt: Self.start + Self.hour, later))
        for decision in ["allowed", "allowed", "throttled", "blocked", "shadow"] {
            store.count(at: Self.start, supplier: "312345676", product: "dialogporten", decision: decision)
        }
        store.count(at: Self.start + Self.hour, supplier: "313000001", product: "broker", decision: "allowed")
        store.close()

        let reopened = try StateStore(path: path, logger: Self.logger)
        defer { reopened.close() }
        let restored = try reopened.restore()
        #expect(restored.ladders == ["312345676": Self.cutOff])
        #expect(
            restored.usage == [
                "312345676": .init(requests: 5, allowed: 3, throttled: 1, blocked: 1),
                "313000001": .init(requests: 1, allowed: 1),
            ])
        // The latest evidence per rule and route.
        #expect(restored.violations == ["312345676": [later]])
        #expect(SupplierSanction(restoring: Self.cutOff).snapshot == Self.cutOff)
    }

    @Test func aCommittedWriteIsInTheFileWhenCommitReturns() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // A long flush interval: only `commit` can have put it there in time.
        let store = try StateStore(path: path, logger: Self.logger, capacity: 16, flushInterval: .seconds(3600))
        defer { store.close() }
        try store.commit(.ladder(supplier: "312345676", Self.cutOff))
        let other = try StateStore(path: path, logger: Self.logger)
        defer { other.close() }
        #expect(try other.restore().ladders["312345676"] == Self.cutOff)
    }

    @Test func aFullDiskLosesAndCountsWritesAndRefusesCommitsWithoutStopping() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // The schema fills the few pages allowed; the next rows find the database full (SQLITE_FULL).
        let store = try StateStore(
            path: path, logger: Self.logger, capacity: 1024, flushInterval: .seconds(1),
            pragmas: ["max_page_count = 12"])
        defer { store.close() }
        var evidence = Self.evidence
        evidence.advice = String(repeating: "x", count: 40_000)
        for index in 0..<4 {
            store.record(.violation(supplier: "312345676", recordedAt: Int64(index), evidence))
        }
        store.flush()
        #expect(store.failedWrites >= 1)
        #expect(throws: StoreError.notCommitted) {
            try store.commit(.violation(supplier: "312345676", recordedAt: 9, evidence))
        }
        // Still taking small writes where there is room.
        store.record(.ladder(supplier: "313000001", Self.cutOff))
        store.flush()
    }

    @Test func aStateFileThatCannotBeCreatedIsAnError() throws {
        let blocker = FileManager.default.temporaryDirectory
            .appendingPathComponent("portvakt-not-a-directory-\(UInt64.random(in: 0...UInt64.max))").path
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        #expect(throws: (any Error).self) { try StateStore(path: blocker + "/state.sqlite", logger: Self.logger) }
    }

    @Test func usageIsCountedInTheHourItHappened() {
        var tally = UsageTally()
        tally.count(at: Self.start + 59 * 60 * 1_000_000_000, supplier: "s", product: "broker", decision: "allowed")
        tally.count(at: Self.start, supplier: "s", product: "broker", decision: "allowed")
        tally.count(at: Self.start + Self.hour, supplier: "s", product: "broker", decision: "allowed")
        let counts = tally.take()
        #expect(counts.count == 2)
        #expect(counts[.init(hour: Self.start, supplier: "s", product: "broker", decision: "allowed")] == 2)
        #expect(tally.take().isEmpty)
    }
}
