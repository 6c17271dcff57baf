import Foundation
import PortvaktCore
import PortvaktReport
import PortvaktTestSupport
import Testing

@testable import PortvaktReplay

/// The labelled six-hour sample (`Tests/Fixtures/traces`, a copy of `shared/traces`) through the whole
/// replay with the default settings: exactly the suppliers labelled as polling are flagged, on their product.
@Suite(.onOwnThreads) struct SampleTraceReplayTests {
    private static let traces = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/traces")

    private struct Labels: Decodable {
        struct Supplier: Decodable {
            var polling: Bool
            var product: String?
        }
        var suppliers: [String: Supplier]
    }

    /// The sample, decompressed by `gzip -dc` into a temporary file that the caller removes.
    private static func decompressedSample() throws -> String {
        let path = try ReplayFixture.temporaryFile("")
        try ReplayFixture.appendGzipOutput(["-dc", traces.appendingPathComponent("sample.jsonl.gz").path], to: path)
        return path
    }

    /// The series keys made on the reading thread, or left to the replaying one (`SeriesKeys`): the same report.
    @Test func keysLeftToTheReplayGiveTheSameReport() throws {
        let path = Self.traces.appendingPathComponent("sample.jsonl.gz").path
        func report(_ keys: SeriesKeys) throws -> ThrottleReport {
            var replay = AccessLogReplay(rules: RateLimitRuleSet(rules: []))
            try ParsedLogBatches.forEach(inFile: path, batchSize: 500, seriesKeys: keys) { batch in
                if keys == .none { #expect(batch.seriesKeys.isEmpty) }
                replay.replay(&batch)
            }
            return replay.report
        }
        let withKeys = try report(.reading)
        #expect(withKeys.suppliers.contains { !$0.violations.isEmpty })
        #expect(try report(.none) == withKeys)
    }

    @Test func exactlyTheLabelledSuppliersAreFlaggedOnTheirProduct() throws {
        let labels = try JSONDecoder().decode(
            Labels.self, from: Data(contentsOf: Self.traces.appendingPathComponent("sample.labels.json")))
        let path = try Self.decompressedSample()
        defer { try? FileManager.default.removeItem(atPath: path) }

        let report = try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: []))

        #expect(report.suppliers.map(\.supplier).sorted() == labels.suppliers.keys.sorted())
        for supplier in report.suppliers {
            let label = try #require(labels.suppliers[supplier.supplier])
            let flagged = supplier.violations.filter { $0.rule == PollingViolation.rule }
            if label.polling {
                #expect(Set(flagged.map(\.product)) == [label.product], "\(supplier.supplier)")
            } else {
                #expect(flagged.isEmpty, "\(supplier.supplier)")
            }
        }
    }

    /// Replay reads the compressed sample as it is, to the same report as the decompressed one.
    @Test func theCompressedSampleReplaysAsItsDecompressedSelf() throws {
        let path = try Self.decompressedSample()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let compressed = Self.traces.appendingPathComponent("sample.jsonl.gz").path
        #expect(
            try AccessLogReplay.report(ofFile: compressed, rules: RateLimitRuleSet(rules: []))
                == AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: [])))
    }

    /// With the ladder on (the default one), each polling supplier climbs it and nobody else does.
    @Test func theLadderPutsExactlyThePollingSuppliersOnAStep() throws {
        let labels = try JSONDecoder().decode(
            Labels.self, from: Data(contentsOf: Self.traces.appendingPathComponent("sample.labels.json")))
        let path = try Self.decompressedSample()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let hour: Int64 = 3_600_000_000_000
        let ladder = SanctionLadder(
            steps: [
                .init(level: .notice, after: 1), .init(level: .throttle, after: 3, factor: 0.25),
                .init(level: .cutoff, after: 6, durationNanoseconds: 24 * hour),
            ],
            windowNanoseconds: 24 * hour, recountNanoseconds: hour, forgiveAfterNanoseconds: 7 * 24 * hour)
        let report = try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: []), sanctions: ladder)
        for supplier in report.suppliers {
            let polling = try #require(labels.suppliers[supplier.supplier]).polling
            #expect((supplier.level != nil) == polling, "\(supplier.supplier): \(String(describing: supplier.level))")
        }
        // Six hours of polling, recorded once an hour: at least the throttle step for the busiest.
        #expect(report.suppliers.contains { $0.level.map { $0 >= .throttle } ?? false })
    }

    @Test func disabledDetectionFlagsNobody() throws {
        let path = try Self.decompressedSample()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: []), polling: nil)
        #expect(report.suppliers.allSatisfy { $0.violations.allSatisfy { $0.rule != PollingViolation.rule } })
    }
}

extension SampleTraceReplayTests {
    @Test func aViolationCarriesTheContractsEvidence() throws {
        let path = try Self.decompressedSample()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try AccessLogReplay.report(ofFile: path, rules: RateLimitRuleSet(rules: []))
        let violation = try #require(report.suppliers.first { $0.supplier == "787789323" }?.violations.first)
        #expect(violation.rule == "1.2.4-polling")
        #expect(violation.route == "dialogporten.enduser.dialogs.search")
        #expect(violation.customers == 20)
        #expect(violation.requests == 3266)
        let median = try #require(violation.medianIntervalSeconds)
        #expect(median > 60 && median < 600)
        #expect(try #require(violation.unchangedRatio) >= 0.7)
        #expect(violation.firstSeen < violation.lastSeen)
        #expect(violation.advice.contains("dialogporten.dialog.updated.v1"))
        #expect((violation.periodicity ?? 0) > 0)
    }
}
