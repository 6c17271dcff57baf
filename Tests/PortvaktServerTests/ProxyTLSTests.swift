import Foundation
import Logging
import NIOPosix
import PortvaktConfig
import PortvaktSimulation
import PortvaktTestSupport
import Testing

@testable import PortvaktServer

/// TLS on the proxy listener, end to end: a test certificate made by openssl, a real HTTPS client (curl)
/// that trusts only it.
@Suite struct ProxyTLSTests {
    /// Runs a program to its end, waited for off the cooperative pool (one of these waits three seconds).
    private static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String)
    {
        try await offThePool {
            let process = try ChildProcess(executable, arguments)
            let output = process.errorOutput + process.output
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
    }

    @Test func suppliersConnectOverHTTPS() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-tls-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = try await Self.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
        #expect(made.status == 0, "\(made.output)")

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let standIn = try await StandInAltinn.start(group: group)
        var configuration = PortvaktConfiguration.default
        configuration.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.admin.listen = HostPort(host: "127.0.0.1", port: 0)
        configuration.upstreams.platform = standIn.baseURL
        configuration.accessLog.enabled = false
        configuration.state.path = directory + "/state.sqlite"
        configuration.tls = .init(certificate: directory + "/cert.pem", key: directory + "/key.pem")
        let service = try await PortvaktService.start(configuration, logger: Logger(label: "portvakt.test"))
        let port = service.proxy.port

        let https = try await Self.run(
            "/usr/bin/curl",
            [
                "--silent", "--show-error", "--cacert", directory + "/cert.pem", "--write-out", "%{http_code}",
                "--output", "/dev/null", "https://127.0.0.1:\(port)/_test/echo",
            ])
        #expect(https.output == "200", "\(https.output)")
        // Plain HTTP to the TLS listener gets no answer.
        let plain = try await Self.run(
            "/usr/bin/curl",
            [
                "--silent", "--max-time", "3", "--output", "/dev/null", "--write-out", "%{http_code}",
                "http://127.0.0.1:\(port)/_test/echo",
            ])
        #expect(plain.output != "200")
        #expect(
            ListenerTLS.problem(with: .init(certificate: directory + "/key.pem", key: directory + "/key.pem")) != nil)

        await service.shutdown()
        try await standIn.shutdown()
        try await group.shutdownGracefully()
    }
}
