import PortvaktSimulation
import Testing

/// Every request leaves one JSON line in the access log with the fields of contract §4, as `replay` reads them.
@Suite struct ProxyAccessLogTests {
    @Test func everyRequestIsOneLineWithTheContractsFields() async throws {
        try await withProxy { proxy in
            let client = proxy.client()
            let party = "urn:altinn:organization:identifier-no:313999998"
            let list = "/dialogporten/api/v1/enduser/dialogs?party=\(party)"
            let listAnswer = try await client.send("GET", list)
            let upload = Array("{\"value\":42}".utf8)
            let echoAnswer = try await client.send("POST", "/_test/echo?x=1", body: upload)
            let refused = try await client.send("GET", "/_test/status/503?retry_after=5")
            let app = "/ttd/skjema/instances/50001337/active"
            let appAnswer = try await client.send("GET", app)
            #expect(listAnswer.status == 200)
            #expect(echoAnswer.status == 200)
            #expect(refused.status == 503)
            #expect(appAnswer.status == 200)

            let lines = try proxy.accessLogRecords()
            #expect(lines.count == 4)
            guard lines.count == 4 else { return }
            let platformHost = "127.0.0.1:\(proxy.standIn.port)"

            let search = lines[0]
            #expect(search.string("method") == "GET")
            #expect(search.string("host") == platformHost)
            #expect(search.string("path") == list)
            #expect(search.string("product") == "dialogporten")
            #expect(search.string("route") == "dialogporten.enduser.dialogs.search")
            #expect(search.int("status") == 200)
            #expect(search.string("decision") == "allowed")
            #expect(search.isNull("rule"))
            #expect(search.int("bytes_in") == 0)
            #expect(search.int("bytes_out") == listAnswer.body.count)
            #expect(search.string("response_digest") == listAnswer.header("etag"))
            #expect(listAnswer.header("etag") != nil)

            let echo = lines[1]
            #expect(echo.string("method") == "POST")
            #expect(echo.string("path") == "/_test/echo?x=1")
            #expect(echo.string("route") == "unknown")
            #expect(echo.int("bytes_in") == upload.count)
            #expect(echo.int("bytes_out") == echoAnswer.body.count)
            // No ETag: the digest is the SHA-256 of the body the client got.
            #expect(echo.string("response_digest") == sha256Hex(echoAnswer.body))

            let failed = lines[2]
            #expect(failed.int("status") == 503)
            #expect(failed.isNull("response_digest"))

            let apps = lines[3]
            #expect(apps.string("host") == "ttd.localhost:\(proxy.standIn.port)")
            #expect(apps.string("product") == "apps")
            #expect(apps.string("route") == "apps.instances.active")

            for line in lines {
                #expect(line.string("time")?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
                #expect(line.string("request_id")?.isEmpty == false)
                #expect((line.double("duration_ms") ?? -1) >= 0)
                for key in ["supplier", "customer", "client_id"] {
                    #expect(line.fields.keys.contains(key), "\(key) missing")
                }
            }
            #expect(Set(lines.compactMap { $0.string("request_id") }).count == 4)
        }
    }

    @Test func answersFromTheProxyItselfHaveNoDigest() async throws {
        var options = ProxyFixture.Options()
        options.readTimeout = .seconds(1)
        try await withProxy(options) { proxy in
            let answer = try await proxy.client().send("GET", "/_test/hang")
            #expect(answer.status == 504)
            let lines = try proxy.accessLogRecords()
            #expect(lines.count == 1)
            #expect(lines.first?.int("status") == 504)
            #expect(lines.first?.isNull("response_digest") == true)
            #expect(lines.first?.int("bytes_out") == answer.body.count)
            #expect((lines.first?.double("duration_ms") ?? 0) >= 900)
        }
    }
}
