import Foundation
import Logging
import NIOPosix
import PortvaktSimulation
import PortvaktStore
import PortvaktTestSupport
import Testing

/// `portvakt serve` killed with SIGKILL under load and started again: what the admin API acknowledged is
/// still in force, the evidence and counts are back, and the database is intact.
@Suite struct DurableStateTests {
    private static let supplier = "312345676"
    private static let issuer = OtherTestIssuers.first

    private static var token: String { issuer.maskinportenToken(supplier: supplier) }

    @Test func aSanctionAnsweredWith201SurvivesSIGKILLUnderLoad() async throws {
        let served = try ServedPortvakt()
        defer { served.removeDirectory() }
        let directory = served.directory
        let (proxyPort, adminPort) = (served.proxyPort, served.adminPort)
        try Self.issuer.publicJWKS.write(to: URL(fileURLWithPath: directory + "/issuer.jwks.json"))
        try served.writeConfig(
            """
            upstreams: { platform: http://127.0.0.1:9, apps: "http://{org}.localhost:9" }
            identity: { jwks: [\(directory)/issuer.jwks.json], issuers: [https://test.maskinporten.no/] }
            """)

        let group = MultiThreadedEventLoopGroup.singleton
        let admin = SimulationClient(host: "127.0.0.1", port: adminPort, group: group)
        let authorized = [("Authorization", "Bearer admin-secret")]

        let first = try await served.start()
        // A request counted, and time for the writer's next pass (every second) to store its count.
        let warm = SimulationClient(host: "127.0.0.1", port: proxyPort, group: group)
        #expect(try await warm.send("GET", "/dialogporten/api/v1/enduser/dialogs").status == 502)
        try? await warm.close()
        // Load from another supplier's point of view (anonymous), all through the kill.
        let load = Task {
            let client = SimulationClient(host: "127.0.0.1", port: proxyPort, group: group, timeout: .seconds(5))
            while !Task.isCancelled {
                guard (try? await client.send("GET", "/dialogporten/api/v1/enduser/dialogs")) != nil else { break }
            }
            try? await client.close()
        }
        try await Task.sleep(for: .milliseconds(1500))
        let imposed = try await admin.send(
            "POST", "/admin/sanctions", headers: authorized,
            body: Array(#"{"supplier":"\#(Self.supplier)","level":"cutoff","for":"24h","reason":"incident 7"}"#.utf8))
        #expect(imposed.status == 201)
        kill(first.process.processIdentifier, SIGKILL)
        _ = try await first.finish(within: .seconds(10))
        await load.value
        try? await admin.close()

        let store = try StateStore(path: directory + "/state.sqlite", logger: Logger(label: "test"))
        #expect(try store.isIntact())
        let restored = try store.restore()
        store.close()
        #expect(restored.ladders[Self.supplier]?.manual?.reason == "incident 7")

        let second = try await served.start()
        defer { kill(second.process.processIdentifier, SIGTERM) }
        let adminAgain = SimulationClient(host: "127.0.0.1", port: adminPort, group: group)
        let detail = try await adminAgain.send("GET", "/admin/suppliers/\(Self.supplier)", headers: authorized)
        let supplier = try #require(try JSONSerialization.jsonObject(with: Data(detail.body)) as? [String: Any])
        #expect(supplier["level"] as? String == "cutoff")
        #expect(supplier["manual"] as? Bool == true)
        #expect(supplier["reason"] as? String == "incident 7")
        let proxy = SimulationClient(host: "127.0.0.1", port: proxyPort, group: group)
        let refused = try await proxy.send(
            "GET", "/dialogporten/api/v1/enduser/dialogs", headers: [("Authorization", "Bearer \(Self.token)")])
        #expect(refused.status == 403)
        // Counts come back too (the last second before the kill may be lost: writes are batched).
        let anonymous = try await adminAgain.send("GET", "/admin/suppliers/anonymous", headers: authorized)
        let counted = try #require(try JSONSerialization.jsonObject(with: Data(anonymous.body)) as? [String: Any])
        #expect((counted["requests"] as? Int ?? 0) > 0)
        try? await proxy.close()
        try? await adminAgain.close()
    }
}
