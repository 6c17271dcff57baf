import Foundation
import Logging
import PortvaktCore
import PortvaktReport
import PortvaktStore
import Testing

/// Contract §1 `report`: the throttle report from a state file, over a period given as RFC 3339 or a duration.
@Suite struct ReportCommandTests {
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-report-\(UUID())")
        .path

    /// A state file with an hour of traffic and a violation, and a config pointing at it.
    private func fixture() throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try StateStore(path: directory + "/state.sqlite", logger: Logger(label: "test"))
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        for decision in ["allowed", "allowed", "throttled"] {
            store.count(at: now - 600_000_000_000, supplier: "312345676", product: "dialogporten", decision: decision)
        }
        store.record(
            .violation(
                supplier: "312345676", recordedAt: now - 60_000_000_000,
                ThrottleReport.Violation(
                    rule: "1.2.4-polling", product: "dialogporten", route: "dialogporten.enduser.dialogs.search",
                    customers: 4, requests: 40, medianIntervalSeconds: 15, unchangedRatio: 1, firstSeen: now,
                    lastSeen: now, advice: "Subscribe to Altinn Events")))
        store.close()
        let config = directory + "/portvakt.yaml"
        try "state: { path: \(directory)/state.sqlite }\n".write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test func printsTheReportOfThePeriodInTheFormatAsked() async throws {
        let config = try fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let json = try await PortvaktProcess.run(["report", "--config", config, "--since", "2h", "--format", "json"])
        #expect(json.status == 0)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let supplier = try #require((report["suppliers"] as? [[String: Any]])?.first)
        #expect(supplier["requests"] as? Int == 3)
        #expect(supplier["throttled"] as? Int == 1)
        #expect((supplier["violations"] as? [[String: Any]])?.first?["rule"] as? String == "1.2.4-polling")

        let out = directory + "/report.html"
        let html = try await PortvaktProcess.run(
            [
                "report", "--config", config, "--since", "2026-01-01T00:00:00Z", "--supplier", "312345676", "--format",
                "html", "--out", out,
            ])
        #expect(html.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("1.2.4-polling"))

        // Nothing in a period before the traffic.
        let empty = try await PortvaktProcess.run(["report", "--config", config, "--since", "3h", "--until", "2h"])
        #expect(empty.status == 0)
        #expect(!empty.standardOutput.contains("312345676"))
    }

    @Test(arguments: [["--since", "soon"], ["--since", "1h", "--until", "2h"]])
    func aBadPeriodIsBadInput(arguments: [String]) async throws {
        let config = try fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = try await PortvaktProcess.run(["report", "--config", config] + arguments)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("portvakt: --"))
    }

    @Test func aMissingStateFileIsBadInput() async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/portvakt.yaml"
        try "state: { path: \(directory)/none.sqlite }\n".write(toFile: config, atomically: true, encoding: .utf8)
        let outcome = try await PortvaktProcess.run(["report", "--config", config])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("no state file"))
    }
}
