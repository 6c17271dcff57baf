import Foundation
import NIOPosix
import PortvaktSimulation
import Testing

/// When the upstream fails, or the client does, the proxy says so promptly and never pretends: 502/504 before
/// the answer head, a closed connection after it, the upstream transfer dropped when the client goes.
@Suite struct ProxyFailureTests {
    @Test func unreachableUpstreamIsABadGatewayAtOnce() async throws {
        var options = ProxyFixture.Options()
        // Port 9 (discard), where nothing listens here (a freshly freed port may be taken by another test).
        options.platformOverride = "http://127.0.0.1:9"
        // "At once" is well before the connect timeout, with room for a loaded machine.
        options.connectTimeout = .seconds(10)
        try await withProxy(options) { proxy in
            let response = try await proxy.client(timeout: .seconds(20)).send(
                "GET", "/dialogporten/api/v1/enduser/dialogs")
            // Timed on the client's event loop, not by this task, which a busy test run may resume seconds late.
            #expect(response.roundTrip < .seconds(5))
            #expect(response.status == 502)
            #expect(response.header("content-type") == "application/problem+json")
            let problem = try Self.problem(response)
            #expect(problem["status"] as? Int == 502)
            #expect(problem["title"] as? String == "Bad Gateway")
            #expect(problem["detail"] as? String != nil)
        }
    }

    @Test func upstreamClosingWithoutAnAnswerIsABadGateway() async throws {
        try await withProxy { proxy in
            let client = proxy.client()
            let response = try await client.send("GET", "/_test/close")
            #expect(response.status == 502)
            #expect(response.header("content-type") == "application/problem+json")
            // The client's connection is fine: the next request goes through on it.
            #expect(try await client.send("GET", "/_test/echo").status == 200)
        }
    }

    @Test func hangingUpstreamIsAGatewayTimeout() async throws {
        var options = ProxyFixture.Options()
        options.readTimeout = .seconds(1)
        try await withProxy(options) { proxy in
            let response = try await proxy.client().send("GET", "/_test/hang")
            // Timed on the client's event loop: by this task's clock, two full test runs measured 15 and 23 s.
            let elapsed = response.roundTrip
            #expect(response.status == 504)
            #expect(response.header("content-type") == "application/problem+json")
            #expect(try Self.problem(response)["status"] as? Int == 504)
            #expect(elapsed >= .milliseconds(900))
            // The proxy's answer, not the client's own 10 s timeout; room for a loaded machine.
            #expect(elapsed < .seconds(8))
            #expect(proxy.engine.activeTransferCount == 0)
        }
    }

    /// Once the head has gone out, a failing upstream can only show as a connection closed early: the client
    /// must get fewer bytes than the `Content-Length` it was promised, never a made-up end.
    @Test func failureAfterTheHeadClosesTheConnectionShort() async throws {
        var options = ProxyFixture.Options()
        options.readTimeout = .seconds(1)
        try await withProxy(options) { proxy in
            let connection = try await proxy.rawConnection()
            // Taken before the request goes: the stall cannot end before it began, however late this task runs.
            let started = ContinuousClock.now
            try await connection.send("GET /_test/head-then-stall HTTP/1.1\r\nHost: portvakt.test\r\n\r\n")
            let head = await connection.waitForAnswerHead()
            #expect(head?.status == 200)
            #expect(head?.header("content-length") == "1000")
            #expect(await connection.waitForClose(upTo: .seconds(4)))
            // readTimeout after the last byte, not curl's five-second speed average on top of it.
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900))
            // With curl's average on top it would be six seconds or more.
            #expect(elapsed < .seconds(5))
            let body = RawAnswer(connection.received.bytes)?.rest ?? []
            #expect(body == BytePattern.bytes(0..<10))
            #expect(body.count < 1000)
        }
    }

    /// A client that leaves mid-download must not leave a transfer running upstream: curl is paused by then, so
    /// nothing but the cancel would ever end it.
    @Test func clientGoingAwayCancelsTheUpstreamTransfer() async throws {
        try await withProxy { proxy in
            // A terabyte, made as it goes: the client reads as fast as it can, and a GiB once went whole before a
            // loaded CI machine got round to looking.
            let size = 1 << 40
            let target = "/broker/api/v1/filetransfer/f1/download?size=\(size)"
            let connection = try await proxy.rawConnection()
            try await connection.send("GET \(target) HTTP/1.1\r\nHost: portvakt.test\r\n\r\n")
            #expect(await connection.wait { $0.count >= 256 * 1024 })
            #expect(proxy.engine.activeTransferCount == 1)
            await connection.close()

            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 0 })
            let logged = try await Self.record(in: proxy, path: target)
            #expect(logged?.int("status") == 200)
            #expect(logged?.string("method") == "GET")
            let bytesOut = logged?.int("bytes_out") ?? 0
            #expect(bytesOut >= 256 * 1024)
            #expect(bytesOut < size)
            #expect(logged?.isNull("response_digest") == true)
        }
    }

    /// A client that leaves halfway through its request body: the upload upstream is dropped too.
    @Test func clientGoingAwayMidUploadCancelsTheUpstreamTransfer() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "POST /broker/api/v1/filetransfer/f1/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n"
            )
            try await connection.send(String(repeating: "x", count: 100_000))
            #expect(await proxy.eventually { proxy.standIn.uploadedBytes == 100_000 })
            #expect(proxy.engine.activeTransferCount == 1)
            await connection.close()
            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 0 })
            let logged = try await Self.record(in: proxy, path: "/broker/api/v1/filetransfer/f1/upload")
            #expect(logged?.int("status") == 499)
            #expect(logged?.int("bytes_in") == 100_000)
        }
    }

    /// A client that leaves before any answer: the transfer is dropped and the request logged as 499.
    @Test func clientGoingAwayBeforeTheAnswerIsLoggedAs499() async throws {
        var options = ProxyFixture.Options()
        // Only the client's leaving may end this transfer: a CI run once starved the test past the default 5 s,
        // and the read timeout answered 504 first.
        options.readTimeout = .seconds(120)
        try await withProxy(options) { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send("GET /_test/hang HTTP/1.1\r\nHost: portvakt.test\r\n\r\n")
            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 1 })
            await connection.close()
            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 0 })
            let logged = try await Self.record(in: proxy, path: "/_test/hang")
            #expect(logged?.int("status") == 499)
            #expect(logged?.isNull("response_digest") == true)
        }
    }

    /// Requests the proxy must refuse with 400 and never forward, always with a problem+json saying why. Some NIO's
    /// parser refuses (then the connection closes); the rest the proxy refuses itself (the connection stays usable).
    @Test(arguments: MalformedRequest.all)
    func malformedRequestsAreRefusedAndNotForwarded(_ request: MalformedRequest) async throws {
        try await withProxy { proxy in
            // One good request first, so the engine holds an idle upstream connection: a transfer started by
            // mistake would send its head at once instead of connecting first.
            #expect(try await proxy.client().send("GET", "/_test/echo").status == 200)
            let connection = try await proxy.rawConnection()
            try await connection.send(request.bytes)
            let answer = await connection.waitForAnswerHead()
            #expect(
                answer?.status == 400, "\(request.name): \(String(decoding: connection.received.bytes, as: UTF8.self))")
            #expect(answer?.header("content-type") == "application/problem+json", "\(request.name)")
            if request.closes {
                #expect(await connection.waitForClose(), "\(request.name): connection left open")
            }
            // Give a wrongly started transfer every chance to reach the upstream before looking.
            try await Task.sleep(for: .milliseconds(200))
            #expect(proxy.standIn.requestsServed == 1, "\(request.name) was forwarded")
            #expect(proxy.engine.activeTransferCount == 0)
            // A request whose head was read is logged with the 400 it got (not as a client gone away, 499).
            let refusals = try proxy.accessLogRecords().dropFirst()
            #expect(refusals.map { $0.int("status") } == (request.hasHead ? [400] : []), "\(request.name)")
        }
    }

    /// A coding before chunked would reach the upstream undeclared, as Transfer-Encoding is hop-by-hop: 501 (RFC
    /// 9112 §6.1), nothing forwarded.
    @Test func transferCodingsOtherThanChunkedAreNotImplemented() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            try await connection.send(
                "POST /_test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            )
            let answer = await connection.waitForAnswerHead()
            #expect(answer?.status == 501)
            #expect(answer?.header("content-type") == "application/problem+json")
            #expect(proxy.standIn.requestsServed == 0)
            // Chunked alone, in any case, goes through.
            let chunked = try await proxy.rawConnection()
            try await chunked.send(
                "POST /_test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
            #expect(await chunked.waitForAnswerHead()?.status == 200)
        }
    }

    /// `server.max_uri_bytes` and `server.max_headers`: 414 and 431, nothing forwarded.
    @Test func overlongTargetsAndTooManyFieldsAreRefused() async throws {
        try await withProxy { proxy in
            let client = proxy.client()
            let long = try await client.send("GET", "/_test/echo?q=" + String(repeating: "a", count: 9 << 10))
            #expect(long.status == 414)
            #expect(long.header("content-type") == "application/problem+json")
            let fields = (0..<101).map { ("X-Field-\($0)", "1") }
            #expect(try await proxy.client().send("GET", "/_test/echo", headers: fields).status == 431)
            #expect(
                try await proxy.client().send("GET", "/_test/echo", headers: Array(fields.prefix(90))).status == 200)
            #expect(proxy.standIn.requestsServed == 1)
        }
    }

    /// Header fields past `server.max_header_bytes`: 431 problem+json, nothing forwarded, the connection closed.
    @Test func oversizedHeadersAreRefusedWith431() async throws {
        try await withProxy { proxy in
            let connection = try await proxy.rawConnection()
            let huge = String(repeating: "a", count: 40 << 10)
            try await connection.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\nX-Huge: \(huge)\r\n\r\n")
            let answer = await connection.waitForAnswerHead()
            #expect(answer?.status == 431)
            #expect(answer?.header("content-type") == "application/problem+json")
            #expect(await connection.waitForClose())
            #expect(proxy.standIn.requestsServed == 0)
        }
    }

    struct MalformedRequest: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: String
        /// Whether NIO's parser refuses it (400, then the connection closes).
        var closes: Bool
        /// Whether its head is well-formed, so that the proxy sees (and logs) the request.
        var hasHead: Bool

        var testDescription: String { self.name }

        static let all: [MalformedRequest] = [
            .init(
                name: "Content-Length with Transfer-Encoding",
                bytes: "POST /_test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\n",
                closes: true, hasHead: false
            ),
            .init(
                name: "two different Content-Lengths",
                bytes: "POST /_test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                closes: true, hasHead: false
            ),
            .init(
                name: "a chunk size that is not hex",
                bytes:
                    "POST /_test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                closes: true, hasHead: true
            ),
            .init(name: "a garbage request line", bytes: "HELLO THERE\r\n\r\n", closes: true, hasHead: false),
            .init(
                name: "obsolete line folding (RFC 9112 §5.2)",
                bytes: "GET /_test/echo HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n", closes: true,
                hasHead: false),
            .init(
                name: "a space in a header name", bytes: "GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",
                closes: true, hasHead: false),
            .init(
                name: "an absolute-form target",
                bytes: "GET http://127.0.0.1:1/_test/echo HTTP/1.1\r\nHost: x\r\n\r\n",
                closes: false, hasHead: true
            ),
            .init(
                name: "an asterisk target", bytes: "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", closes: false, hasHead: true
            ),
            .init(
                name: "an authority-form CONNECT", bytes: "CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n",
                closes: false, hasHead: true),
            .init(
                name: "HTTP/1.1 without Host (RFC 9112 §3.2)", bytes: "GET /_test/echo HTTP/1.1\r\n\r\n", closes: false,
                hasHead: true),
            .init(
                name: "two Host fields (RFC 9112 §3.2)",
                bytes: "GET /_test/echo HTTP/1.1\r\nHost: x\r\nhost: y\r\n\r\n", closes: false, hasHead: true),
        ]
    }

    static func problem(_ response: SimulationResponse) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw TestFailure("not a problem object: \(response.text)")
        }
        return object
    }

    /// The access log line for `path`, waiting up to 10 s for it (a connection's end is logged as it closes).
    static func record(in proxy: ProxyFixture, path: String) async throws -> AccessLogLine? {
        var found: AccessLogLine?
        _ = try await proxy.eventually {
            found = try proxy.accessLogRecords().first { $0.string("path") == path }
            return found != nil
        }
        return found
    }
}
