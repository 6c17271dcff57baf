import Foundation
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// Contract §1: the commands, their output and their exit codes (0 success, 1 bad input, 2 usage error).
@Suite final class CommandLineTests {
    /// This test's files, removed with it.
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("portvakt-cli-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func temporaryFile(_ contents: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(UUID().uuidString).yaml").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func checkConfigAcceptsTheShippedConfig() async throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/portvakt.yaml").path
        let outcome = try await PortvaktProcess.run(["check-config", "--config", shipped])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("ok"))
    }

    /// The annotated production config is valid as shipped once its issuers' key files and the admin token are
    /// in place (and its certificate, left out here).
    @Test func checkConfigAcceptsTheProductionConfigWithItsKeyFiles() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let production = try String(
            contentsOf: repository.appendingPathComponent("Config/portvakt.production.yaml"), encoding: .utf8)
        let keys = repository.appendingPathComponent("Config/keys/test-issuer.jwks.json").path
        let token = try temporaryFile("an-operators-token\n")
        // Its certificate is the operator's; the TLS listener has tests of its own (ProxyTLSTests).
        let placed = production.replacingOccurrences(
            of: "[/etc/portvakt/keys/maskinporten.jwks.json, /etc/portvakt/keys/altinn.jwks.json]",
            with: "[\(keys)]"
        ).replacingOccurrences(of: "token_file: /etc/portvakt/admin-token", with: "token_file: \(token)")
            .replacingOccurrences(of: "\ntls:\n", with: "\nunused_tls:\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("unused_tls:") && !$0.hasPrefix("  cert: /etc/") && !$0.hasPrefix("  key: /etc/") }
            .joined(separator: "\n")
        #expect(placed != production)
        let outcome = try await PortvaktProcess.run(["check-config", "--config", try temporaryFile(placed)])
        #expect(outcome.status == 0, "\(outcome.standardError)")
    }

    @Test func checkConfigReportsAKeyFileThatCannotBeUsed() async throws {
        let keys = try temporaryFile(#"{"keys":[{"kty":"oct","kid":"secret","k":"c2VjcmV0"}]}"#)
        let path = try temporaryFile("identity: { jwks: [\(keys)] }\n")
        let outcome = try await PortvaktProcess.run(["check-config", "--config", path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("identity.jwks: \(keys): "))
        #expect(outcome.standardError.contains("oct"))
    }

    @Test func checkConfigReportsEveryProblemWithItsPositionAndExitsOne() async throws {
        let path = try temporaryFile("listen: 127.0.0.1:99999\nupstreams:\n  platfrom: https://x\n")
        let outcome = try await PortvaktProcess.run(["check-config", "--config", path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("\(path):1:9: invalid address '127.0.0.1:99999'"))
        #expect(
            outcome.standardError.contains(
                "\(path):3:3: unknown key 'platfrom' in upstreams (did you mean 'platform'?)"))
    }

    @Test func checkConfigReportsAMissingKeyFileWhereItIsNamed() async throws {
        let path = try temporaryFile("identity:\n  jwks: [/nonexistent/keys.jwks.json]\n")
        let outcome = try await PortvaktProcess.run(["check-config", "--config", path])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains(
                "\(path):2:10: cannot read '/nonexistent/keys.jwks.json': No such file or directory"))
    }

    /// serve cannot start without its access log, so check-config says so first, creating nothing; a state file
    /// that cannot be made is a warning, as serve runs on without durable state.
    @Test func checkConfigReportsFilesServeCouldNotOpen() async throws {
        let file = try temporaryFile("not a directory\n")
        let keys = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/keys/test-issuer.jwks.json").path
        let identity = "identity: { jwks: [\(keys)] }\n"
        let log = try temporaryFile(identity + "access_log: { path: \(file)/access.jsonl }\n")
        let refused = try await PortvaktProcess.run(["check-config", "--config", log])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("access_log.path: \(file) is not a directory"))

        let fresh = directory.appendingPathComponent("logs/today").path
        let state = try temporaryFile(
            identity + "access_log: { path: \(fresh)/access.jsonl }\nstate: { path: \(file)/state.sqlite }\n")
        let warned = try await PortvaktProcess.run(["check-config", "--config", state])
        #expect(warned.status == 0, "\(warned.standardError)")
        #expect(warned.standardError.contains("warning: state.path: \(file) is not a directory"))
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    /// A config without `identity` takes the contract's default key file, a path relative to the working
    /// directory: run from elsewhere, the problem says it is the default and where it was looked for.
    @Test func theDefaultKeyFileIsNamedAsTheDefault() async throws {
        let path = try temporaryFile("listen: 127.0.0.1:8080\n")
        let elsewhere = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let outcome = try await PortvaktProcess.run(["check-config", "--config", path], directory: elsewhere)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("identity.jwks: Config/keys/test-issuer.jwks.json: cannot be read"))
        #expect(outcome.standardError.contains("(the default, the repository's test key, looked for in \(elsewhere))"))
    }

    @Test func aMissingConfigIsBadInput() async throws {
        let outcome = try await PortvaktProcess.run(["serve", "--config", "/nonexistent/portvakt.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("/nonexistent/portvakt.yaml"))
    }

    /// A listen address another socket holds ends serve with the reason, and the wait for it with what it said.
    @Test func aListenAddressInUseEndsServeWithTheReason() async throws {
        let served = try ServedPortvakt()
        defer { served.removeDirectory() }
        try served.writeConfig("upstreams: { platform: http://127.0.0.1:9, apps: \"http://{org}.localhost:9\" }")
        let holder = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: served.adminPort).get()
        defer { holder.close(promise: nil) }
        let failure = await #expect(throws: ServedPortvakt.EndedBeforeAnswering.self) { try await served.start() }
        #expect(failure?.outcome.status == 1)
        #expect(failure?.outcome.standardError.contains("Address already in use") == true)
    }

    @Test(arguments: [
        ["bogus"], ["demo", "--seconds", "0"], ["serve", "--no-such-flag"], ["stand-in", "--listen", "nowhere"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) async throws {
        let outcome = try await PortvaktProcess.run(arguments)
        #expect(outcome.status == 2)
    }

    @Test func serveRunsUntilSIGTERMAndSurvivesSIGHUP() async throws {
        let store = directory.appendingPathComponent("state.sqlite").path
        let path = try temporaryFile(
            """
            listen: 127.0.0.1:0
            admin: { listen: 127.0.0.1:0 }
            upstreams: { platform: http://127.0.0.1:9, apps: "http://{org}.localhost:9" }
            access_log: { enabled: false }
            state: { path: \(store) }
            """
        )
        let serve = try PortvaktProcess(["serve", "--config", path])
        try await Task.sleep(for: .milliseconds(500))
        #expect(serve.process.isRunning)
        kill(serve.process.processIdentifier, SIGHUP)  // reloads the same file
        try await Task.sleep(for: .milliseconds(200))
        #expect(serve.process.isRunning)
        kill(serve.process.processIdentifier, SIGTERM)
        let outcome = try await serve.finish(within: .seconds(10))
        #expect(outcome.status == 0)
        #expect(outcome.standardError.contains("serving") || outcome.standardOutput.contains("serving"))
        #expect((outcome.standardError + outcome.standardOutput).contains("config reloaded"))
        #expect((outcome.standardError + outcome.standardOutput).contains("stopped"))
    }

    @Test func demoRunsTheSimulatedSuppliersThroughTheProxyAndWritesTheHTMLReport() async throws {
        let report = FileManager.default.temporaryDirectory
            .appendingPathComponent("portvakt-demo-report-\(UInt32.random(in: 0...UInt32.max)).html").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let outcome = try await PortvaktProcess.run(
            ["demo", "--seconds", "2", "--report", report], within: .seconds(90))
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("dialogporten.enduser.dialogs.search"))
        #expect(outcome.standardOutput.contains("broker.filetransfer.download"))
        #expect(outcome.standardOutput.contains("The access log recorded"))
        #expect(outcome.standardOutput.contains("HTML report: \(report)\n"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<h2>Suppliers</h2>"))
    }
}

extension CommandLineTests {
    /// The stand-in prints where it listens, answers as Altinn would, and stops on SIGTERM.
    @Test func standInPrintsItsURLAndStopsOnSIGTERM() async throws {
        let port = try freeLoopbackPort()
        let standIn = try PortvaktProcess(["stand-in", "--listen", "127.0.0.1:\(port)"])
        try await ServedPortvakt.waitUntilAnswering(port: port, path: "/")
        let client = SimulationClient(host: "127.0.0.1", port: port, group: MultiThreadedEventLoopGroup.singleton)
        let dialogs = try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs")
        try? await client.close()
        #expect(dialogs.status == 200)
        kill(standIn.process.processIdentifier, SIGTERM)
        let outcome = try await standIn.finish(within: .seconds(10))
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "stand-in Altinn listening on http://127.0.0.1:\(port)\n")
    }
}
