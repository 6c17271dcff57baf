import Foundation
import PortvaktSimulation
import Testing

/// Requests and answers cross the proxy unchanged except for what the contract says (§3): methods, targets,
/// bodies, status codes and headers pass; hop-by-hop headers stay behind; `Forwarded`/`X-Forwarded-For` are added.
@Suite struct ProxyForwardingTests {
    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    func everyMethodReachesTheUpstreamUnchanged(method: String) async throws {
        try await withProxy { proxy in
            let target = "/_test/echo?a=1&b=x%20y&c=%C3%A6"
            let body: [UInt8]? = method == "GET" ? nil : Array("{\"method\":\"\(method)\"}".utf8)
            let response = try await proxy.client().send(method, target, body: body)
            #expect(response.status == 200)
            let echo = try EchoAnswer(response)
            #expect(echo.method == method)
            #expect(echo.uri == target)
            #expect(echo.bodyBytes == (body?.count ?? 0))
            #expect(echo.bodySHA256 == sha256Hex(body ?? []))
        }
    }

    @Test func headAnswersHaveTheLengthOfGetAndNoBody() async throws {
        try await withProxy { proxy in
            let client = proxy.client()
            let echoHead = try await client.send("HEAD", "/_test/echo?q=1")
            #expect(echoHead.status == 200)
            #expect(echoHead.body.isEmpty)
            #expect(Int(echoHead.header("content-length") ?? "") ?? 0 > 0)
            #expect(proxy.standIn.requestsServed == 1)

            for target in [
                "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998",
                "/broker/api/v1/filetransfer/f1/download?size=12345",
            ] {
                let get = try await client.send("GET", target)
                let head = try await client.send("HEAD", target)
                #expect(get.status == 200)
                #expect(head.status == 200)
                #expect(head.body.isEmpty)
                #expect(get.header("content-length") == String(get.body.count))
                #expect(head.header("content-length") == get.header("content-length"))
                #expect(head.header("etag") == get.header("etag"))
            }
            // A chunked answer to HEAD has no body at all, not even the last chunk: were it sent, the next answer
            // on this connection would start with stray bytes.
            let chunkedHead = try await client.send("HEAD", "/_test/chunked?size=1000")
            #expect(chunkedHead.status == 200)
            #expect(chunkedHead.body.isEmpty)
            let after = try await client.send("GET", "/_test/echo")
            #expect(after.status == 200)
            #expect(try EchoAnswer(after).method == "GET")
            // HEAD answers left the upstream connection reusable too: one served every request.
            #expect(proxy.standIn.connectionsAccepted == 1)
        }
    }

    @Test func upstreamConnectionsAreReusedAcrossRequests() async throws {
        try await withProxy { proxy in
            let client = proxy.client()
            for index in 0..<20 {
                let response = try await client.send("GET", "/_test/echo?n=\(index)")
                #expect(response.status == 200)
            }
            #expect(proxy.standIn.requestsServed == 20)
            #expect(proxy.standIn.connectionsAccepted == 1)
        }
    }

    @Test func hopByHopAnswerHeadersStayBehind() async throws {
        try await withProxy { proxy in
            let response = try await proxy.client().send("GET", "/_test/headers")
            #expect(response.status == 200)
            for name in ["keep-alive", "proxy-authenticate", "upgrade", "x-stand-in-hop"] {
                #expect(response.header(name) == nil, "\(name) crossed the proxy")
            }
            #expect(response.header("connection") == nil)
            #expect(response.header("x-custom") == "1")
            #expect(response.header("retry-after") == "7")
            #expect(response.header("next") == proxy.standIn.baseURL + "/events/api/v1/events?after=42")
        }
    }

    @Test func hopByHopRequestHeadersStayBehindAndForwardingHeadersAreAdded() async throws {
        try await withProxy { proxy in
            let response = try await proxy.client().send(
                "PATCH",
                "/_test/echo",
                headers: [
                    ("Connection", "X-Secret"), ("X-Secret", "s3cret"), ("Keep-Alive", "timeout=5"),
                    ("TE", "trailers"), ("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0"),
                    ("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), ("If-Match", "\"rev-7\""),
                    ("Tus-Resumable", "1.0.0"), ("Upload-Offset", "1024"), ("Host", "portvakt.test"),
                ],
                body: Array("patch".utf8)
            )
            #expect(response.status == 200)
            let echo = try EchoAnswer(response)
            for name in ["x-secret", "keep-alive", "te", "proxy-authorization", "connection", "transfer-encoding"] {
                #expect(!echo.has(name), "\(name) reached the upstream: \(echo.values(name))")
            }
            #expect(echo.values("authorization") == ["Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"])
            #expect(echo.values("if-match") == ["\"rev-7\""])
            #expect(echo.values("tus-resumable") == ["1.0.0"])
            #expect(echo.values("upload-offset") == ["1024"])
            #expect(echo.values("x-forwarded-for") == ["127.0.0.1"])
            #expect(echo.values("forwarded") == ["for=127.0.0.1;host=portvakt.test;proto=http"])
            #expect(echo.bodySHA256 == sha256Hex(Array("patch".utf8)))
        }
    }

    @Test(arguments: [
        (429, "3"), (429, "Wed, 02 Dec 2026 02:00:00 GMT"), (503, "120"), (503, "Tue, 01 Dec 2026 22:00:00 GMT"),
    ])
    func upstreamRefusalsAndTheirRetryAfterPassThrough(status: Int, retryAfter: String) async throws {
        try await withProxy { proxy in
            let query = retryAfter.replacingSpacesAndCommas()
            let target = "/_test/status/\(status)?retry_after=\(query)"
            let direct = try await proxy.directClient().send("GET", target)
            let proxied = try await proxy.client().send("GET", target)
            #expect(direct.header("retry-after") == retryAfter)
            #expect(proxied.status == status)
            #expect(proxied.header("retry-after") == retryAfter)
            #expect(proxied.header("content-type") == direct.header("content-type"))
            #expect(proxied.body == direct.body)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "GET /_test/echo?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /_test/echo?n=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /_test/echo?n=3 HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            let text = { String(decoding: connection.received.bytes, as: UTF8.self) }
            #expect(await connection.wait { _ in text().components(separatedBy: "HTTP/1.1 200 OK").count == 4 })
            let order = ["\"uri\":\"/_test/echo?n=1\"", "\"uri\":\"/_test/echo?n=2\"", "\"uri\":\"/_test/echo?n=3\""]
            let positions = order.map { text().range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil })
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
            #expect(text().contains(sha256Hex(Array("hello".utf8))))
            #expect(!connection.received.isClosed)
        }
    }

    /// A HEAD among pipelined requests gets its head only, and the answers after it stay framed.
    @Test func pipelinedHeadKeepsTheFollowingAnswersFramed() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "HEAD /_test/chunked?size=3000 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /_test/echo?n=2 HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            let text = { String(decoding: connection.received.bytes, as: UTF8.self) }
            #expect(await connection.wait { _ in text().contains("\"uri\":\"/_test/echo?n=2\"") })
            #expect(text().components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            // Nothing of the 3000-byte body of the HEAD's GET twin went out.
            #expect(!text().contains(String(decoding: BytePattern.bytes(0..<64), as: UTF8.self)))
            #expect(!connection.received.isClosed)
        }
    }

    /// A malformed request pipelined behind a slow answer: the answer completes first, then the 400, then the close.
    @Test func malformedPipelinedRequestWaitsForTheAnswerBeforeIt() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "GET /broker/api/v1/filetransfer/f1/download?size=600000 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HELLO THERE\r\n\r\n"
            )
            #expect(await connection.waitForClose(upTo: .seconds(10)))
            let bytes = connection.received.bytes
            let answer = RawAnswer(bytes)
            #expect(answer?.status == 200)
            // The whole download came first, then the refusal of the malformed request.
            let afterDownload = Array(answer?.rest.dropFirst(600_000) ?? [])
            #expect(answer?.rest.count ?? 0 > 600_000)
            #expect(String(decoding: afterDownload, as: UTF8.self).hasPrefix("HTTP/1.1 400 Bad Request"))
            #expect(proxy.standIn.requestsServed == 1)
        }
    }

    /// An HTTP/1.0 client cannot take chunks: an answer of unknown length goes as-is and ends with the close.
    /// (HTTP/1.0 needs no `Host`, unlike HTTP/1.1.)
    @Test func http10ClientsGetUnchunkedAnswersEndedByTheClose() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /_test/chunked?size=3000 HTTP/1.0\r\n\r\n")
            // Within 40 ms alone; a full suite on a loaded machine once took over 3 s.
            #expect(await connection.waitForClose(upTo: .seconds(10)))
            let answer = RawAnswer(connection.received.bytes)
            #expect(answer?.status == 200)
            #expect(answer?.header("transfer-encoding") == nil)
            #expect(answer?.rest == BytePattern.bytes(0..<3000))
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "PUT /_test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
            )
            #expect(await connection.wait { RawAnswer($0.bytes)?.status == 100 })
            try await connection.send("hello")
            let text = { String(decoding: connection.received.bytes, as: UTF8.self) }
            #expect(await connection.wait { _ in text().contains("body_sha256") })
            #expect(text().contains("HTTP/1.1 200 OK"))
            #expect(text().contains(sha256Hex(Array("hello".utf8))))
            // The upstream was not asked to send a 100 Continue of its own (the proxy drops Expect).
            #expect(!text().lowercased().contains("\"expect\""))
        }
    }

    @Test func answersThroughTheProxyAreTheUpstreamsBytes() async throws {
        try await withProxy { proxy in
            let direct = proxy.directClient()
            let proxied = proxy.client()
            let dialog = StandInAltinn.seededDialogIDs[0]
            let targets = [
                "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998",
                "/dialogporten/api/v1/enduser/dialogs/\(dialog)",
                "/dialogporten/api/v1/enduser/dialogs/00000000-0000-0000-0000-000000000000",
                "/correspondence/api/v1/correspondence",
                "/broker/api/v1/filetransfer/f1",
                "/broker/api/v1/filetransfer/f1/download?size=300001",
                "/events/api/v1/events?resource=urn:altinn:resource:ttd-melding&after=0",
                "/storage/api/v1/instances?appId=ttd/skjema",
                // Apps go to {org}.localhost: the proxy fills in the app owner's host.
                "/ttd/skjema/instances/50001337/active",
                "/_test/chunked?size=70000",
            ]
            for target in targets {
                let expected = try await direct.send("GET", target)
                let answer = try await proxied.send("GET", target)
                #expect(answer.status == expected.status, "\(target)")
                #expect(answer.body == expected.body, "\(target)")
                for name in ["content-type", "content-length", "etag", "cache-control", "accept-ranges"] {
                    #expect(answer.header(name) == expected.header(name), "\(target): \(name)")
                }
            }
        }
    }
}

extension String {
    /// Percent-encodes the spaces and commas of an HTTP-date for a query value.
    fileprivate func replacingSpacesAndCommas() -> String {
        self.replacing(" ", with: "%20").replacing(",", with: "%2C")
    }
}
