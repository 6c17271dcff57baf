import Foundation
import Logging
import NIOPosix
import PortvaktConfig
import PortvaktSimulation
import Testing

@testable import PortvaktServer

/// The service as `portvakt serve` assembles it from a config.
@Suite struct PortvaktServiceTests {
    @Test func eachEventLoopForwardsThroughAnEngineOfItsOwn() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let standIn = try await StandInAltinn.start(group: group)
        var configuration = PortvaktConfiguration.default
        configuration.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.admin.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.upstreams.platform = standIn.baseURL
        configuration.upstreams.apps = "http://{org}.localhost:\(standIn.port)"
        configuration.accessLog.enabled = false
        configuration.state.path = FileManager.default.temporaryDirectory.path + "/portvakt-\(UUID()).sqlite"
        defer { Self.removeStore(at: configuration.state.path) }
        configuration.server.threads = 2
        let service = try await PortvaktService.start(configuration, logger: Logger(label: "portvakt.test"))
        #expect(service.engines.count == 2)

        // Connections go to the event loops in turn; requests that hang upstream stay visible as active transfers.
        var connections: [RawConnection] = []
        for _ in 0..<4 {
            let connection = try await RawConnection.open(port: service.proxy.port, group: group)
            try await connection.send("GET /_test/hang HTTP/1.1\r\nHost: portvakt.test\r\n\r\n")
            connections.append(connection)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while service.engines.map(\.activeTransferCount).reduce(0, +) < 4, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(service.engines.map(\.activeTransferCount) == [2, 2])

        for connection in connections { await connection.close() }
        await service.shutdown()
        try await standIn.shutdown()
        try await group.shutdownGracefully()
    }

    /// Terms of durability, not of service: a state file that cannot be created is logged, and the proxy
    /// serves without it.
    @Test func anUnwritableStateDirectoryLeavesTheProxyServing() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let standIn = try await StandInAltinn.start(group: group)
        let blocker = FileManager.default.temporaryDirectory.path + "/portvakt-file-\(UUID())"
        try "not a directory".write(toFile: blocker, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        var configuration = PortvaktConfiguration.default
        configuration.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.admin.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.upstreams.platform = standIn.baseURL
        configuration.accessLog.enabled = false
        configuration.state.path = blocker + "/state.sqlite"
        let service = try await PortvaktService.start(configuration, logger: Logger(label: "portvakt.test"))
        #expect(service.store == nil)
        let client = SimulationClient(host: "127.0.0.1", port: service.proxy.port, group: group)
        #expect(try await client.send("GET", "/_test/echo").status == 200)
        try await client.close()
        await service.shutdown()
        try await standIn.shutdown()
        try await group.shutdownGracefully()
    }

    /// Contract §7: `/metrics` on the admin listener, without a token, in Prometheus text; no label names a
    /// supplier or a path.
    @Test func metricsCountRequestsAndReadTheGaugesWhenScraped() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let standIn = try await StandInAltinn.start(group: group)
        var configuration = PortvaktConfiguration.default
        configuration.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.admin.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.upstreams.platform = standIn.baseURL
        configuration.accessLog.enabled = false
        configuration.state.path = FileManager.default.temporaryDirectory.path + "/portvakt-\(UUID()).sqlite"
        defer { Self.removeStore(at: configuration.state.path) }
        let service = try await PortvaktService.start(configuration, logger: Logger(label: "portvakt.test"))
        let client = SimulationClient(host: "127.0.0.1", port: service.proxy.port, group: group)
        for _ in 0..<3 {
            #expect(try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs").status == 200)
        }
        let admin = SimulationClient(host: "127.0.0.1", port: service.admin.port, group: group)
        let scraped = try await admin.send("GET", "/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = String(decoding: scraped.body, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(
            lines.contains {
                $0.hasPrefix("portvakt_requests_total{") && $0.contains(#"product="dialogporten""#)
                    && $0.contains(#"decision="allowed""#) && $0.hasSuffix(" 3")
            })
        for name in [
            "portvakt_upstream_duration_seconds_bucket", "portvakt_open_connections", "portvakt_limiter_keys",
            "portvakt_polling_series", "portvakt_suppliers_sanctioned", "portvakt_access_log_dropped",
            "portvakt_store_writes_failed", "portvakt_config_reloads_total",
        ] {
            #expect(text.contains(name), "\(name) missing")
        }
        #expect(lines.contains { $0.hasPrefix("portvakt_open_connections ") && !$0.hasSuffix(" 0.0") })
        #expect(lines.contains { $0.hasPrefix("portvakt_limiter_keys ") && !$0.hasSuffix(" 0.0") })
        #expect(!text.contains("supplier=") && !text.contains("/dialogporten/api"))
        try await client.close()
        try await admin.close()
        await service.shutdown()
        try await standIn.shutdown()
        try await group.shutdownGracefully()
    }

    /// The SQLite store a test made, with its write-ahead log and shared memory.
    private static func removeStore(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
