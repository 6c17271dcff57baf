import Foundation
import NIOPosix
import Testing

@testable import PortvaktSimulation

@Suite struct StandInAltinnTests {
    static let party = "urn%3Aaltinn%3Aorganization%3Aidentifier-no%3A313999998"

    @Test func everyProductRouteAnswers() async throws {
        try await withStandIn { altinn, client in
            let dialogID = StandInAltinn.seededDialogIDs[0]
            let gets: [(String, String)] = [
                ("/dialogporten/api/v1/enduser/dialogs?party=\(Self.party)", "application/json"),
                ("/dialogporten/api/v1/enduser/dialogs/\(dialogID)", "application/json"),
                ("/correspondence/api/v1/correspondence?resourceId=r&role=Recipient", "application/json"),
                ("/correspondence/api/v1/correspondence/c1", "application/json"),
                ("/broker/api/v1/filetransfer?resourceId=r", "application/json"),
                ("/broker/api/v1/filetransfer/f1", "application/json"),
                ("/broker/api/v1/filetransfer/f1/download?size=100", "application/octet-stream"),
                ("/events/api/v1/events?after=0&resource=urn:altinn:resource:x", "application/json"),
                ("/storage/api/v1/instances?org=digdir", "application/json"),
                ("/digdir/demo/instances/50001/active", "application/json"),
                ("/authentication/api/v1/systemuser/request/vendor/r1", "application/json"),
            ]
            for (target, contentType) in gets {
                let response = try await client.send("GET", target)
                #expect(response.status == 200, "\(target)")
                #expect(response.header("content-type")?.hasPrefix(contentType) == true, "\(target)")
                #expect(response.header("content-length") == String(response.body.count), "\(target)")
            }

            let ids = try jsonObject(
                try await client.send("GET", "/correspondence/api/v1/correspondence?role=Recipient"))
            #expect((ids["ids"] as? [String])?.count == 3)

            let status = try jsonObject(try await client.send("GET", "/broker/api/v1/filetransfer/f1"))
            #expect(status["fileTransferStatus"] as? String == "Published")

            let events = try await client.send("GET", "/events/api/v1/events?after=17&resource=r")
            #expect(events.text == "[]")
            #expect(events.header("next") == "\(altinn.baseURL)/events/api/v1/events?after=17&resource=r")

            let instances = try jsonObject(try await client.send("GET", "/storage/api/v1/instances?org=digdir"))
            #expect(instances["count"] as? Int == 0)
            #expect((instances["instances"] as? [Any])?.isEmpty == true)

            #expect(try await client.send("GET", "/digdir/demo/instances/50001/active").text == "[]")

            let next = try await client.send("PUT", "/digdir/demo/instances/50001/abc/process/next")
            #expect(next.status == 200)
            #expect(try jsonObject(next)["instanceId"] as? String == "abc")

            let request = try jsonObject(
                try await client.send("GET", "/authentication/api/v1/systemuser/request/vendor/r1"))
            #expect(request["status"] as? String == "New")

            #expect(
                try await client.send("GET", "/correspondence/api/v1/correspondence/c1").header("cache-control")
                    == "no-store"
            )
        }
    }

    @Test func unknownPathsAreProblems() async throws {
        try await withStandIn { _, client in
            for target in ["/dialogporten/api/v1/nothing", "/broker/api/v1/filetransfer/a/b/c", "/nowhere"] {
                let response = try await client.send("GET", target)
                #expect(response.status == 404)
                #expect(response.header("content-type")?.hasPrefix("application/problem+json") == true)
                #expect(try jsonObject(response)["status"] as? Int == 404)
            }
            #expect(try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs/unknown").status == 404)
        }
    }

    @Test func dialogListETagIsStableUntilAPost() async throws {
        try await withStandIn { altinn, client in
            let list = "/dialogporten/api/v1/enduser/dialogs?party=\(Self.party)"
            let first = try await client.send("GET", list)
            let second = try await client.send("GET", list)
            let etag = try #require(first.header("etag"))
            #expect(etag.hasPrefix("\""))
            #expect(second.header("etag") == etag)
            #expect(second.body == first.body)
            #expect((1500...2600).contains(first.body.count))

            let object = try jsonObject(first)
            #expect((object["items"] as? [Any])?.count == 4)
            #expect(object["hasNextPage"] as? Bool == false)

            let created = try await client.send(
                "POST",
                "/dialogporten/api/v1/serviceowner/dialogs",
                headers: [("content-type", "application/json")],
                body: Array("{}".utf8)
            )
            #expect(created.status == 201)
            let newID = try #require(try json(created) as? String)
            #expect(created.header("location") == "\(altinn.baseURL)/dialogporten/api/v1/serviceowner/dialogs/\(newID)")

            let third = try await client.send("GET", list)
            #expect(third.header("etag") != etag)
            #expect((try jsonObject(third)["items"] as? [Any])?.count == 5)
            #expect(try await client.send("GET", list).header("etag") == third.header("etag"))
        }
    }

    @Test func dialogDetailsCarryTheBareRevision() async throws {
        try await withStandIn { _, client in
            let id = StandInAltinn.seededDialogIDs[1]
            let details = try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs/\(id)")
            let revision = try #require(details.header("etag"))
            #expect(revision.count == 36 && !revision.hasPrefix("\""))
            #expect(try jsonObject(details)["revision"] as? String == revision)

            let update = try await client.send("PATCH", "/dialogporten/api/v1/serviceowner/dialogs/\(id)")
            #expect(update.status == 204)
            let newRevision = try #require(update.header("etag"))
            #expect(newRevision != revision)
            let again = try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs/\(id)")
            #expect(again.header("etag") == newRevision)
        }
    }

    @Test func rangesAnswerPartialOrUnsatisfiable() async throws {
        try await withStandIn { _, client in
            let download = "/broker/api/v1/filetransfer/f1/download?size=1000"
            let whole = try await client.send("GET", download)
            #expect(whole.status == 200)
            #expect(whole.header("accept-ranges") == "bytes")
            #expect(whole.body == BytePattern.bytes(0..<1000))

            let cases: [(String, Range<Int>)] = [
                ("bytes=10-19", 10..<20), ("bytes=990-", 990..<1000), ("bytes=-5", 995..<1000),
            ]
            for (range, expected) in cases {
                let partial = try await client.send("GET", download, headers: [("Range", range)])
                #expect(partial.status == 206)
                #expect(
                    partial.header("content-range") == "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/1000"
                )
                #expect(partial.body == BytePattern.bytes(expected))
            }

            let unsatisfiable = try await client.send("GET", download, headers: [("Range", "bytes=1000-")])
            #expect(unsatisfiable.status == 416)
            #expect(unsatisfiable.header("content-range") == "bytes */1000")
        }
    }

    @Test func sixtyFourMebibyteDownloadMatchesThePattern() async throws {
        try await withStandIn { _, client in
            let size = 64 * 1024 * 1024
            let (head, bytes, sha256) = try await client.download(
                "/broker/api/v1/filetransfer/f1/download?size=\(size)")
            #expect(head.status == 200)
            #expect(head.header("content-length") == String(size))
            #expect(bytes == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
        }
    }

    @Test func theDefaultDownloadIsEightMebibytes() async throws {
        try await withStandIn { _, client in
            let (_, bytes, sha256) = try await client.download("/broker/api/v1/filetransfer/f1/download")
            #expect(bytes == 8 * 1024 * 1024)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<(8 * 1024 * 1024)))
        }
    }

    @Test(arguments: [true, false])
    func sixtyFourMebibyteUploadIsHashedBySink(contentLength: Bool) async throws {
        try await withStandIn { altinn, client in
            let size = 64 * 1024 * 1024
            let response = try await client.upload(
                "POST",
                "/broker/api/v1/filetransfer/f1/upload",
                headers: [("content-type", "application/octet-stream")],
                bytes: size,
                contentLength: contentLength
            )
            #expect(response.status == 200)
            let answer = try jsonObject(response)
            #expect(answer["bytes"] as? Int == size)
            #expect(answer["sha256"] as? String == BytePattern.sha256Hex(of: 0..<size))
            #expect(altinn.uploadedBytes == size)
        }
    }

    @Test func tusSpeaksVersionOne() async throws {
        try await withStandIn { altinn, client in
            let tus = "/broker/api/v1/filetransfer/upload/tus/f1"
            let options = try await client.send("OPTIONS", tus)
            #expect(options.status == 204)
            #expect(options.header("tus-resumable") == "1.0.0")
            #expect(options.header("tus-version") == "1.0.0")
            #expect(options.header("tus-extension")?.contains("creation") == true)

            let created = try await client.send(
                "POST", tus, headers: [("Tus-Resumable", "1.0.0"), ("Upload-Length", "300")])
            #expect(created.status == 201)

            let tusHeaders = [("Tus-Resumable", "1.0.0"), ("Content-Type", "application/offset+octet-stream")]
            let first = try await client.upload(
                "PATCH", tus, headers: tusHeaders + [("Upload-Offset", "0")], bytes: 200, contentLength: true)
            #expect(first.status == 204)
            #expect(first.header("upload-offset") == "200")

            let stale = try await client.upload(
                "PATCH", tus, headers: tusHeaders + [("Upload-Offset", "0")], bytes: 100, contentLength: true)
            #expect(stale.status == 409)

            let offset = try await client.send("HEAD", tus, headers: [("Tus-Resumable", "1.0.0")])
            #expect(offset.status == 200)
            #expect(offset.header("upload-offset") == "200")
            #expect(offset.header("upload-length") == "300")
            #expect(offset.body.isEmpty)
            #expect(altinn.uploadedBytes == 300)
        }
    }

    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    func echoReflectsTheRequest(method: String) async throws {
        try await withStandIn { _, client in
            let body = Array("hello, stand-in".utf8)
            let response = try await client.send(
                method,
                "/_test/echo?q=1",
                headers: [("X-Test", "a b"), ("X-Echo-Set-Retry-After", "3"), ("X-Echo-Set-Content-Length", "9")],
                body: body
            )
            #expect(response.status == 200)
            let echo = try jsonObject(response)
            #expect(echo["method"] as? String == method)
            #expect(echo["uri"] as? String == "/_test/echo?q=1")
            let headers = try #require(echo["headers"] as? [[String]])
            #expect(headers.contains(["X-Test", "a b"]))
            #expect(headers.contains(["content-length", String(body.count)]))
            #expect(echo["body_bytes"] as? Int == body.count)
            var digest = BodyDigest()
            digest.update(.init(bytes: body))
            #expect(echo["body_sha256"] as? String == digest.sha256Hex)
            #expect(response.header("retry-after") == "3")
            #expect(response.header("content-length") == String(response.body.count))
        }
    }

    @Test func headAnswersTheHeadOnly() async throws {
        try await withStandIn { _, client in
            let targets = [
                "/_test/echo",
                "/dialogporten/api/v1/enduser/dialogs?party=\(Self.party)",
                "/broker/api/v1/filetransfer/f1/download?size=5000",
                "/_test/status/200",
            ]
            for target in targets {
                let get = try await client.send("GET", target)
                let head = try await client.send("HEAD", target)
                #expect(head.status == get.status, "\(target)")
                #expect(head.body.isEmpty, "\(target)")
                if target != "/_test/echo" {
                    // The echo names the method, so its GET body is one character longer.
                    #expect(head.header("content-length") == get.header("content-length"), "\(target)")
                }
            }
            let chunkedHead = try await client.send("HEAD", "/_test/chunked?size=100")
            #expect(chunkedHead.header("transfer-encoding") == "chunked")
            #expect(chunkedHead.body.isEmpty)
            // The connection is still in step after bodiless answers.
            #expect(try await client.send("GET", "/_test/status/201").status == 201)
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        try await withStandIn { altinn, client in
            for index in 0..<20 {
                let response = try await client.send("GET", "/_test/echo?n=\(index)")
                #expect(response.status == 200)
            }
            _ = try await client.download("/broker/api/v1/filetransfer/f1/download?size=300000")
            _ = try await client.upload(
                "POST", "/broker/api/v1/filetransfer/f1/upload", bytes: 300_000, contentLength: false)
            #expect(altinn.connectionsAccepted == 1)
            #expect(altinn.requestsServed == 22)
        }
    }

    @Test func statusEndpointAnswersAnyFinalStatus() async throws {
        try await withStandIn { _, client in
            let unavailable = try await client.send("GET", "/_test/status/503?retry_after=120")
            #expect(unavailable.status == 503)
            #expect(unavailable.header("retry-after") == "120")
            #expect(unavailable.header("content-type")?.hasPrefix("application/problem+json") == true)

            let date = "Wed, 21 Oct 2026 07:28:00 GMT"
            let limited = try await client.send(
                "POST", "/_test/status/429?retry_after=\(date.replacingOccurrences(of: " ", with: "%20"))")
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == date)

            for code in [204, 304] {
                let empty = try await client.send("GET", "/_test/status/\(code)")
                #expect(empty.status == code)
                #expect(empty.body.isEmpty)
                #expect(empty.header("content-length") == nil)
            }
            #expect(try await client.send("GET", "/_test/status/299").status == 299)
            #expect(try await client.send("GET", "/_test/status/100").status == 400)
        }
    }

    /// Only the call that expects no answer is limited to 2 s: the one after it, which does expect one, may take
    /// longer on a busy machine (a full test run once needed more than 2 s for it).
    @Test func hangNeverAnswers() async throws {
        try await withStandIn { altinn, client in
            await #expect(throws: SimulationClientError.timedOut(after: .seconds(2))) {
                try await client.send("GET", "/_test/hang", timeout: .seconds(2))
            }
            // The client gave up on that connection and opens a new one.
            let after = try await client.send("GET", "/_test/status/200")
            #expect(after.status == 200)
            #expect(altinn.connectionsAccepted == 2)
        }
    }

    @Test func headThenStallSendsTenBytes() async throws {
        try await withStandIn(timeout: .seconds(2)) { _, client in
            await #expect(throws: SimulationClientError.timedOut(after: .seconds(2))) {
                try await client.download("/_test/head-then-stall")
            }
        }
    }

    @Test func chunkedAnswersAreGeneratedBytes() async throws {
        try await withStandIn { _, client in
            let response = try await client.send("GET", "/_test/chunked?size=200000")
            #expect(response.header("transfer-encoding") == "chunked")
            #expect(response.header("content-length") == nil)
            #expect(response.body == BytePattern.bytes(0..<200_000))
            #expect(try await client.send("GET", "/_test/chunked?size=0").body.isEmpty)
        }
    }

    @Test func closeDropsTheConnection() async throws {
        try await withStandIn { altinn, client in
            await #expect(throws: SimulationClientError.connectionClosed) {
                try await client.send("GET", "/_test/close")
            }
            let after = try await client.send("GET", "/_test/status/200")
            #expect(after.status == 200)
            #expect(altinn.connectionsAccepted == 2)
        }
    }

    @Test func headersEndpointSendsHopByHopAndEndToEndHeaders() async throws {
        try await withStandIn { altinn, client in
            let response = try await client.send("GET", "/_test/headers")
            #expect(response.header("keep-alive") == "timeout=5")
            #expect(response.header("proxy-authenticate") != nil)
            #expect(response.header("upgrade") == "h2c")
            #expect(response.header("connection") == "x-stand-in-hop")
            #expect(response.header("x-stand-in-hop") == "1")
            #expect(response.header("x-custom") == "1")
            #expect(response.header("retry-after") == "7")
            #expect(response.header("next") == "\(altinn.baseURL)/events/api/v1/events?after=42")
            // Still keep-alive.
            #expect(try await client.send("GET", "/_test/status/200").status == 200)
            #expect(altinn.connectionsAccepted == 1)
        }
    }

    @Test func connectionCloseFromTheClientIsHonoured() async throws {
        try await withStandIn { altinn, client in
            let response = try await client.send("GET", "/_test/echo", headers: [("Connection", "close")])
            #expect(response.header("connection") == "close")
            #expect(try await client.send("GET", "/_test/echo").status == 200)
            #expect(altinn.connectionsAccepted == 2)
        }
    }

    @Test func shutdownClosesHangingConnections() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let altinn = try await StandInAltinn.start(group: group)
        let client = SimulationClient(host: "127.0.0.1", port: altinn.port, group: group, timeout: .seconds(10))
        let hung = Task { try await client.send("GET", "/_test/hang") }
        while altinn.requestsServed == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await altinn.shutdown()
        await #expect(throws: SimulationClientError.connectionClosed) { try await hung.value }
    }
}
