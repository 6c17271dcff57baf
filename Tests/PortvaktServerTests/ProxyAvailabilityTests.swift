import Foundation
import NIOPosix
import PortvaktCore
import PortvaktSimulation
import Testing

@testable import PortvaktServer

/// Maintenance windows and the circuit breaker (terms §1.2.6, §3.1): 503 with `Retry-After`, nothing upstream.
@Suite struct ProxyAvailabilityTests {
    private static var now: Int64 { Int64(Date().timeIntervalSince1970 * 1e9) }

    @Test func aProductInItsMaintenanceWindowIsAnswered503UntilItsEnd() async throws {
        var options = ProxyFixture.Options()
        let end = Self.now + 90_000_000_000
        options.maintenance = MaintenanceSchedule([.init(product: .broker, from: Self.now - 1, until: end)])
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let refused = try await client.send("GET", "/broker/api/v1/filetransfer")
            #expect(refused.status == 503)
            #expect(refused.header("content-type") == "application/problem+json")
            // Whole seconds to the window's end, rounded up.
            let left = Int((end - Self.now) / 1_000_000_000)
            #expect((left...90).contains(Int(refused.header("retry-after") ?? "") ?? 0))
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(refused.body)) as? [String: Any])
            #expect((problem["detail"] as? String)?.contains("maintenance") == true)
            // Other products are served as ever.
            #expect(try await client.send("GET", "/_test/echo").status == 200)
            #expect(proxy.standIn.requestsServed == 1)
            let decisions = try proxy.accessLogRecords().map { $0.string("decision") }
            #expect(decisions == ["maintenance", "allowed"])
        }
    }

    @Test func theBreakerOpensAfterFailuresInARowAndFailsFast() async throws {
        var options = ProxyFixture.Options()
        // Port 9 (discard), where nothing listens here: a port freed by a stand-in just shut down could be
        // taken at once by another test's listener.
        options.platformOverride = "http://127.0.0.1:9"
        options.breakers = CircuitBreakers(failureThreshold: 2, coolDownNanoseconds: 60_000_000_000)
        try await withProxy(options) { proxy in
            let client = proxy.client()
            var statuses: [Int] = []
            for _ in 0..<4 {
                statuses.append(try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs").status)
            }
            // Two refused connections, then fail fast without trying.
            #expect(statuses == [502, 502, 503, 503])
            let refused = try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs")
            #expect((1...60).contains(Int(refused.header("retry-after") ?? "") ?? 0))
        }
    }

    @Test func aProbeAfterTheCoolDownClosesTheBreakerWhenTheUpstreamIsBack() async throws {
        var options = ProxyFixture.Options()
        // Long enough that a loaded machine (CI runs the suites side by side) still asks within it: at 2 s, a
        // stall between opening the breaker and the first request once let that request through as the probe.
        let coolDown: Int64 = 5_000_000_000
        let breakers = CircuitBreakers(failureThreshold: 1, coolDownNanoseconds: coolDown)
        options.breakers = breakers
        try await withProxy(options) { proxy in
            let host = try #require(URL(string: proxy.standIn.baseURL)?.host)
            let port = URL(string: proxy.standIn.baseURL)?.port.map { ":\($0)" } ?? ""
            let client = proxy.client()
            // As if the stand-in had just failed: the breaker is open.
            let opened = Self.now
            breakers.record(host + port, reached: false, at: opened)
            #expect(try await client.send("GET", "/_test/echo").status == 503)
            try await Task.sleep(for: .nanoseconds(max(0, opened + coolDown + 100_000_000 - Self.now)))
            #expect(try await client.send("GET", "/_test/echo").status == 200)  // the probe
            #expect(try await client.send("GET", "/_test/echo").status == 200)
            #expect(proxy.standIn.requestsServed == 2)
        }
    }
}
