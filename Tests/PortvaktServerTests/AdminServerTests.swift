import Foundation
import Logging
import NIOPosix
import PortvaktCore
import PortvaktServer
import PortvaktSimulation
import PortvaktStore
import Testing

/// The admin API of contract §7 over HTTP: the bearer token, suppliers, manual sanctions.
@Suite struct AdminServerTests {
    private static let token = "admin-secret"
    private static let day: Int64 = 86_400_000_000_000

    private func withAdmin(
        store: StateStore? = nil, _ body: (SimulationClient, SupplierLedger) async throws -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let ledger = SupplierLedger(
            ladder: SanctionLadder(
                steps: [.init(level: .notice, after: 1)], windowNanoseconds: Self.day,
                recountNanoseconds: Self.day / 24, forgiveAfterNanoseconds: 7 * Self.day),
            store: store)
        let server = try await AdminServer.start(
            host: "127.0.0.1", port: 0, api: AdminAPI(token: Self.token, ledger: ledger, store: store), group: group)
        let client = SimulationClient(host: "127.0.0.1", port: server.port, group: group)
        do {
            try await body(client, ledger)
        } catch {
            try? await client.close()
            await server.close()
            try? await group.shutdownGracefully()
            throw error
        }
        try? await client.close()
        await server.close()
        try await group.shutdownGracefully()
    }

    private static let authorized = [("Authorization", "Bearer \(token)")]

    private func json(_ body: [UInt8]) throws -> Any { try JSONSerialization.jsonObject(with: Data(body)) }

    @Test func healthNeedsNoTokenButTheAdminPathsDo() async throws {
        try await withAdmin { client, _ in
            #expect(try await client.send("GET", "/healthz").status == 200)
            let refused = try await client.send("GET", "/admin/suppliers")
            #expect(refused.status == 401)
            #expect(refused.header("content-type") == "application/problem+json")
            #expect(
                try await client.send("GET", "/admin/suppliers", headers: [("Authorization", "Bearer nope")]).status
                    == 401)
            #expect(try await client.send("GET", "/admin/suppliers", headers: Self.authorized).status == 200)
        }
    }

    @Test func aManualSanctionIsImposedShownAndLifted() async throws {
        try await withAdmin { client, ledger in
            let body = Array(#"{"supplier":"312345676","level":"cutoff","for":"24h","reason":"incident 42"}"#.utf8)
            let created = try await client.send("POST", "/admin/sanctions", headers: Self.authorized, body: body)
            #expect(created.status == 201)
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            #expect(ledger.standing(of: "312345676", at: now)?.level == .cutoff)

            let one = try await client.send("GET", "/admin/suppliers/312345676", headers: Self.authorized)
            let supplier = try #require(try json(one.body) as? [String: Any])
            #expect(supplier["level"] as? String == "cutoff")
            #expect(supplier["manual"] as? Bool == true)
            #expect(supplier["reason"] as? String == "incident 42")
            #expect((supplier["until"] as? String)?.hasSuffix("Z") == true)
            let list = try #require(
                try json(try await client.send("GET", "/admin/suppliers", headers: Self.authorized).body)
                    as? [[String: Any]])
            #expect(list.map { $0["supplier"] as? String } == ["312345676"])

            #expect(
                try await client.send("DELETE", "/admin/sanctions/312345676", headers: Self.authorized).status == 204)
            #expect(ledger.standing(of: "312345676", at: now) == nil)
            #expect(
                try await client.send("DELETE", "/admin/sanctions/312345676", headers: Self.authorized).status == 404)
            #expect(try await client.send("GET", "/admin/suppliers/999999999", headers: Self.authorized).status == 404)
        }
    }

    @Test(arguments: [
        "not json", #"{"supplier":"31234567","level":"cutoff","reason":"r"}"#,
        #"{"supplier":"312345676","level":"ban","reason":"r"}"#,
        #"{"supplier":"312345676","level":"cutoff","for":"soon","reason":"r"}"#,
        #"{"supplier":"312345676","level":"cutoff"}"#,
    ])
    func aBadSanctionIs400AndChangesNothing(body: String) async throws {
        try await withAdmin { client, ledger in
            let answer = try await client.send(
                "POST", "/admin/sanctions", headers: Self.authorized, body: Array(body.utf8))
            #expect(answer.status == 400)
            #expect(answer.header("content-type") == "application/problem+json")
            #expect(ledger.summaries(at: 0).isEmpty)
        }
    }

    /// A path the API serves, asked with a method it does not take: 405 naming the one it does, as nginx would.
    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await withAdmin { client, _ in
            let cases = [
                ("PUT", "/admin/suppliers", "GET, HEAD"), ("POST", "/admin/suppliers/312345676", "GET, HEAD"),
                ("GET", "/admin/sanctions", "POST"), ("GET", "/admin/sanctions/312345676", "DELETE"),
                ("DELETE", "/admin/report", "GET, HEAD"),
            ]
            for (method, path, allowed) in cases {
                let answer = try await client.send(method, path, headers: Self.authorized)
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(answer.header("allow") == allowed, "\(method) \(path)")
                #expect(answer.header("content-type") == "application/problem+json")
            }
            #expect(try await client.send("GET", "/admin/nothing", headers: Self.authorized).status == 404)
            #expect(try await client.send("PUT", "/admin/suppliers").status == 401)
        }
    }

    /// HEAD is GET without the content (as every server must take it, RFC 9110 §9.1); a client that asks to
    /// close is answered and then the connection ends.
    @Test func headIsAnsweredAsGetAndAskingToCloseCloses() async throws {
        try await withAdmin { client, _ in
            let get = try await client.send("GET", "/admin/suppliers", headers: Self.authorized)
            let connection = try await RawConnection.open(
                port: client.port, group: MultiThreadedEventLoopGroup.singleton)
            try await connection.send(
                "HEAD /admin/suppliers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\n"
                    + "Connection: close\r\n\r\n")
            // Up to 10 s, as the fixtures' other waits for an answer: a fresh-clone CI run at 5638b88, the machine
            // slow and the suite's tests running side by side, had nothing back within the default 3 s.
            #expect(await connection.waitForClose(upTo: .seconds(10)))
            let answer = try #require(RawAnswer(connection.received.bytes))
            #expect(answer.status == 200)
            #expect(answer.header("content-length") == String(get.body.count))
            #expect(answer.rest.isEmpty)
        }
    }

    /// A body past 64 KiB is refused whole: read cut short, a sanction could have been taken for another.
    @Test func aBodyOverTheLimitIs413AndChangesNothing() async throws {
        try await withAdmin { client, ledger in
            let padded =
                #"{"supplier":"312345676","level":"cutoff","for":"24h","reason":""#
                + String(repeating: "x", count: 70_000) + #""}"#
            let answer = try await client.send(
                "POST", "/admin/sanctions", headers: Self.authorized, body: Array(padded.utf8))
            #expect(answer.status == 413)
            #expect(answer.header("content-type") == "application/problem+json")
            #expect(ledger.summaries(at: 0).isEmpty)
            #expect(try await client.send("GET", "/admin/suppliers", headers: Self.authorized).status == 200)
        }
    }

    /// Terms §2.2 live: a supplier listing Melding for ten customers shows an advisory finding, not a sanction.
    @Test func anAdvisoryFindingIsShownWithoutASanction() async throws {
        try await withAdmin { client, ledger in
            let route = Route(product: .correspondence, name: MeldingOverviewWatch.correspondenceList)
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            for customer in 0..<10 {
                ledger.count(.allowed, for: "312345676", product: .correspondence, at: now)
                ledger.observe(
                    ObservedAnswer(
                        time: now, supplier: "312345676", customer: "31000000\(customer)", method: "GET",
                        host: "platform", target: "/correspondence/api/v1/correspondence", route: route, status: 200,
                        responseDigest: nil, isBrowserLike: false))
            }
            let answer = try await client.send("GET", "/admin/suppliers/312345676", headers: Self.authorized)
            let supplier = try #require(try json(answer.body) as? [String: Any])
            #expect(supplier["level"] is NSNull)
            let violations = try #require(supplier["violations"] as? [[String: Any]])
            #expect(violations.map { $0["rule"] as? String } == ["2.2-melding-overview"])
            #expect(violations.first?["advisory"] as? Bool == true)
            #expect(violations.first?["customers"] as? Int == 10)
        }
    }

    /// Contract §7: the report over the durable state, in each format, with the sanction just imposed.
    @Test func theReportComesFromTheStoreInEveryFormat() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try StateStore(path: directory + "/state.sqlite", logger: Logger(label: "test"))
        defer { store.close() }
        try await withAdmin(store: store) { client, ledger in
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            for _ in 0..<3 { ledger.count(.allowed, for: "312345676", product: .dialogporten, at: now) }
            let body = Array(#"{"supplier":"312345676","level":"cutoff","for":"24h","reason":"incident 42"}"#.utf8)
            #expect(
                try await client.send("POST", "/admin/sanctions", headers: Self.authorized, body: body).status == 201)

            let answer = try await client.send("GET", "/admin/report?since=1h", headers: Self.authorized)
            #expect(answer.status == 200)
            #expect(answer.header("content-type") == "application/json")
            let report = try #require(try json(answer.body) as? [String: Any])
            let suppliers = try #require(report["suppliers"] as? [[String: Any]])
            #expect(suppliers.first?["requests"] as? Int == 3)
            #expect(suppliers.first?["level"] as? String == "cutoff")
            let notices = try #require(suppliers.first?["notices"] as? [[String: Any]])
            #expect((notices.first?["text"] as? String)?.contains("incident 42") == true)

            for (format, type) in [("csv", "text/csv"), ("html", "text/html"), ("text", "text/plain")] {
                let rendered = try await client.send(
                    "GET", "/admin/report?since=2026-01-01T00%3A00%3A00Z&format=\(format)", headers: Self.authorized)
                #expect(rendered.status == 200)
                #expect(rendered.header("content-type")?.hasPrefix(type) == true)
                #expect(String(decoding: rendered.body, as: UTF8.self).contains("312345676"))
            }
            #expect(
                try await client.send("GET", "/admin/report?format=pdf", headers: Self.authorized).status == 400)
            #expect(try await client.send("GET", "/admin/report?since=soon", headers: Self.authorized).status == 400)
            #expect(try await client.send("GET", "/admin/report").status == 401)
        }
    }

    @Test func withoutAStoreThereIsNoReport() async throws {
        try await withAdmin { client, _ in
            let answer = try await client.send("GET", "/admin/report", headers: Self.authorized)
            #expect(answer.status == 503)
        }
    }
}
