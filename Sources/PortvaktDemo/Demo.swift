import Foundation
import Logging
import NIOPosix
import PortvaktConfig
import PortvaktCore
import PortvaktReplay
import PortvaktReport
import PortvaktServer
import PortvaktSimulation

/// `portvakt demo`: a stand-in Altinn on loopback, Portvakt in front of it, and simulated suppliers whose every
/// request is printed as it passes; at the end, what the access log recorded and the throttle report, in text
/// and as an HTML page written to `reportPath`. Needs no network and no config.
public enum Demo {
    public static func run(seconds: Int, reportPath: String, output: @escaping @Sendable (String) -> Void)
        async throws
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let standIn = try await StandInAltinn.start(group: group)
        let directory = try Self.makeTemporaryDirectory()
        var configuration = PortvaktConfiguration.default
        configuration.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.admin.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.upstreams.platform = standIn.baseURL
        configuration.upstreams.apps = "http://{org}.localhost:\(standIn.port)"
        configuration.accessLog.path = directory + "/access.jsonl"
        configuration.state.path = directory + "/state.sqlite"
        configuration.server.threads = 1
        // The suppliers' tokens come from a demo issuer whose public keys the proxy is given, as it would be
        // given Maskinporten's.
        let issuer = try TestTokenIssuer()
        let keysPath = directory + "/demo-issuer.jwks.json"
        try issuer.publicJWKS.write(to: URL(fileURLWithPath: keysPath))
        configuration.identity.jwks = [keysPath]
        configuration.identity.issuers = [SimulatedSupplier.issuerURL]
        // The ladder on a demo's time scale: an ongoing violation is recorded again every second, and a
        // cut-off lasts five, so the polling supplier climbs notice → throttle → cutoff and back within the run.
        configuration.sanctions.recount = .seconds(1)
        configuration.sanctions.ladder = configuration.sanctions.ladder.map { step in
            var step = step
            if step.level == .cutoff { step.duration = .seconds(5) }
            return step
        }
        var logger = Logger(label: "portvakt")
        logger.logLevel = .warning
        let service = try await PortvaktService.start(configuration, logger: logger)

        output("Stand-in Altinn  \(standIn.baseURL)")
        output("Portvakt         http://127.0.0.1:\(service.proxy.port)  (admin on :\(service.admin.port))")
        output("Suppliers run for \(seconds) s; each line is one request through the proxy.\n")

        let started = ContinuousClock.now
        let deadline = started + .seconds(seconds)
        let printer = RequestPrinter(started: started, output: output)
        let suppliers = SimulatedSupplier.all(proxyPort: service.proxy.port, group: group, issuer: issuer)
        await withTaskGroup(of: Void.self) { tasks in
            for supplier in suppliers {
                tasks.addTask { await supplier.run(until: deadline, printer: printer) }
            }
        }
        for supplier in suppliers { try? await supplier.client.close() }

        await service.shutdown()
        try await standIn.shutdown()
        try await group.shutdownGracefully()

        output("")
        for line in try AccessLogSummary(path: configuration.accessLog.path).lines { output(line) }
        output("\nPer supplier, as `portvakt replay` reads the access log against the same config:")
        if let report = try AccessLogReplay.report(ofFile: configuration.accessLog.path, configuration: configuration) {
            output(report.text)
            try report.html.write(toFile: reportPath, atomically: true, encoding: .utf8)
            output("HTML report: \(reportPath)")
        }
        output("\nAccess log: \(configuration.accessLog.path)")
    }

    private static func makeTemporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "portvakt-demo-\(UInt32.random(in: 0...UInt32.max))"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Prints one line per request, stamped with the time since the demo began.
struct RequestPrinter: Sendable {
    let started: ContinuousClock.Instant
    let output: @Sendable (String) -> Void

    func request(_ supplier: String, _ method: String, _ target: String, status: Int?, bytes: Int, note: String = "") {
        let elapsed = ContinuousClock.now - self.started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let shownTarget = target.count > 72 ? target.prefix(69) + "…" : Substring(target)
        let outcome = status.map(String.init) ?? "failed"
        let time = String(format: "%6.2fs", seconds)
        self.output(
            "\(time)  \(supplier.padded(to: 13)) \(method.padded(to: 5)) \(String(shownTarget).padded(to: 72)) → "
                + "\(outcome)  \(Self.size(bytes))\(note.isEmpty ? "" : "  " + note)"
        )
    }

    static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) B"
        case ..<(1024 * 1024): return String(format: "%.1f KiB", Double(bytes) / 1024)
        default: return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
        }
    }
}

extension String {
    /// Left-aligned in a column of `width` characters (`String(format:)` cannot pad Swift strings on Linux).
    func padded(to width: Int) -> String {
        self.count >= width ? self : self + String(repeating: " ", count: width - self.count)
    }
}
