import Foundation
import Testing

/// Contract §1 `replay`: an access log through the configured limits, the §5 report, exit codes 0, 1, 2.
@Suite final class ReplayCommandTests {
    /// This test's files, removed with it.
    private let directory: URL = FileManager.default.temporaryDirectory
        .appendingPathComponent("portvakt-replay-cli-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func file(_ name: String, _ contents: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// One token every 5 s, two at most: of five requests at 0, 0, 0, 5 and 5 s, the third and fifth are refused.
    private func fixture() throws -> (log: String, config: String) {
        let config = try file(
            "portvakt.yaml",
            """
            limits:
              - name: search-burst
                match: { route: dialogporten.enduser.dialogs.search }
                key: supplier
                rate: 2/10s
                burst: 2
            """)
        let times = ["06:00:00.000", "06:00:00.000", "06:00:00.000", "06:00:05.000", "06:00:05.000"]
        let lines =
            times.map {
                #"{"time":"2026-11-24T\#($0)Z","supplier":"312345676","method":"GET","host":"platform.tt02.altinn.no","#
                    + #""path":"/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aorganization%3A313999998","#
                    + #""status":200,"decision":"allowed","response_digest":"9f86"}"#
            } + [
                #"{"time":"2026-11-24T06:00:06.000Z","supplier":null,"method":"GET","path":"/broker/api/v1/filetransfer","#
                    + #""status":429,"decision":"throttled","response_digest":null}"#
            ]
        return (try file("access.jsonl", lines.joined(separator: "\n") + "\n"), config)
    }

    @Test func printsTheJSONReport() async throws {
        let (log, config) = try fixture()
        let outcome = try await PortvaktProcess.run(["replay", log, "--config", config, "--format", "json"])
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput
                == #"{"from":"2026-11-24T06:00:00.000Z","until":"2026-11-24T06:00:06.000Z","suppliers":["#
                + #"{"supplier":"312345676","requests":5,"allowed":5,"throttled":0,"blocked":0,"would_throttle":2,"#
                + #""level":null,"violations":[],"#
                + #""usage":[{"hour":"2026-11-24T06:00:00.000Z","requests":5,"allowed":5,"throttled":0,"blocked":0}],"#
                + #""sanctions":[],"notices":[]},"#
                + #"{"supplier":"anonymous","requests":1,"allowed":0,"throttled":1,"blocked":0,"would_throttle":0,"#
                + #""level":null,"violations":[],"#
                + #""usage":[{"hour":"2026-11-24T06:00:00.000Z","requests":1,"allowed":0,"throttled":1,"blocked":0}],"#
                + #""sanctions":[],"notices":[]}],"#
                + #""rules":[{"rule":"search-burst","shadow":false,"refusals":2}]}"#
                + "\n")
    }

    /// An analyst replays the production config on a machine without its key files and certificate.
    @Test func theFilesTheConfigNamesNeedNotBeThere() async throws {
        let (log, _) = try fixture()
        let config = try file(
            "production.yaml",
            """
            identity: { jwks: [/etc/portvakt/keys/absent.jwks.json] }
            tls: { cert: /etc/portvakt/tls/absent.pem, key: /etc/portvakt/tls/absent.key }
            """)
        let outcome = try await PortvaktProcess.run(["replay", log, "--config", config, "--format", "text"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("312345676"))
    }

    /// `-` reads the log from standard input, to the same report as the file.
    @Test func readsTheLogFromStandardInput() async throws {
        let (log, config) = try fixture()
        let fromFile = try await PortvaktProcess.run(["replay", log, "--config", config, "--format", "json"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: log)))
        let piped = try await PortvaktProcess.run(
            ["replay", "-", "--config", config, "--format", "json"], input: bytes)
        #expect(piped.status == 0, "\(piped.standardError)")
        #expect(piped.standardOutput == fromFile.standardOutput)
    }

    @Test func writesTheTextReportToAFile() async throws {
        let (log, config) = try fixture()
        let out = directory.appendingPathComponent("report.txt").path
        let outcome = try await PortvaktProcess.run(["replay", log, "--config", config, "--out", out])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("312345676         5        5          0        0               2"))
        #expect(text.contains("search-burst"))
        #expect(text.contains("no client addresses"))
        #expect(!text.contains("/dialogporten/api"))  // paths may hold identity numbers: never in a report
    }

    @Test func printsTheCSVReport() async throws {
        let (log, config) = try fixture()
        let outcome = try await PortvaktProcess.run(["replay", log, "--config", config, "--format", "csv"])
        #expect(outcome.status == 0)
        let rows = outcome.standardOutput.components(separatedBy: "\r\n")
        #expect(
            rows.first?.hasPrefix("record,supplier,requests,allowed,throttled,blocked,would_throttle,level,") == true)
        #expect(rows.contains("supplier,312345676,5,5,0,0,2" + String(repeating: ",", count: 21)))
        #expect(rows.contains { $0.hasPrefix("rule,") && $0.contains(",search-burst,") && $0.hasSuffix(",false,2,") })
        #expect(rows.last == "")  // every record, the last too, ends in CRLF
    }

    @Test func writesTheHTMLReportToAFile() async throws {
        let (log, config) = try fixture()
        let out = directory.appendingPathComponent("report.html").path
        let outcome = try await PortvaktProcess.run([
            "replay", log, "--config", config, "--format", "html", "--out", out,
        ])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.isEmpty)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains(">312345676</h2>"))
        #expect(html.contains("<code>search-burst</code>"))
        #expect(html.contains("<svg"))  // the hour of traffic, charted
        #expect(!html.contains("/dialogporten/api"))
    }

    @Test func aBadLineIsBadInputNamedByFileAndLine() async throws {
        let (_, config) = try fixture()
        let log = try file(
            "bad.jsonl",
            #"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":1}"# + "\n\n{\"time\":\"noon\"}\n")
        let outcome = try await PortvaktProcess.run(["replay", log, "--config", config])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "portvakt: \(log):3: 'time' is not an RFC 3339 timestamp\n")
    }

    @Test func aMissingLogIsBadInput() async throws {
        let (_, config) = try fixture()
        let outcome = try await PortvaktProcess.run(["replay", "/nonexistent/access.jsonl", "--config", config])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError == "portvakt: /nonexistent/access.jsonl: cannot read: No such file or directory\n")
    }

    @Test func aBadConfigIsBadInputWithItsProblems() async throws {
        let (log, _) = try fixture()
        let config = try file("bad.yaml", "limits:\n  - name: x\n    rate: lots\n")
        let outcome = try await PortvaktProcess.run(["replay", log, "--config", config])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("\(config):3:"))
    }

    @Test(arguments: [["replay"], ["replay", "x.jsonl", "--format", "xml"], ["replay", "x.jsonl", "--bogus"]])
    func usageErrorsExitTwo(_ arguments: [String]) async throws {
        let outcome = try await PortvaktProcess.run(arguments)
        #expect(outcome.status == 2)
    }
}
