import Foundation
import NIOPosix
import PortvaktSimulation
import Testing

/// What `portvakt serve` takes from its environment: nothing that changes where requests go.
@Suite struct ServeEnvironmentTests {
    /// curl would send every upstream request through `http_proxy` or `all_proxy` when told nothing else;
    /// the proxy goes to its upstreams directly, whatever the environment says (the proxy named here does
    /// not exist, so any request sent to it would fail).
    @Test func proxiesNamedInTheEnvironmentAreNotUsed() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let standIn = try await StandInAltinn.start(group: group)
        let served = try ServedPortvakt()
        defer { served.removeDirectory() }
        try served.writeConfig(
            """
            upstreams: { platform: http://127.0.0.1:\(standIn.port), apps: "http://{org}.localhost:\(standIn.port)" }
            """)
        let unreachable = "http://127.0.0.1:9"
        let process = try await served.start(environment: [
            "http_proxy": unreachable, "HTTP_PROXY": unreachable, "all_proxy": unreachable, "ALL_PROXY": unreachable,
            "no_proxy": "", "NO_PROXY": "",
        ])
        defer { kill(process.process.processIdentifier, SIGTERM) }
        let client = SimulationClient(host: "127.0.0.1", port: served.proxyPort, group: group)
        #expect(try await client.send("GET", "/broker/api/v1/filetransfer/f1").status == 200)
        try? await client.close()
        try await standIn.shutdown()
    }
}
