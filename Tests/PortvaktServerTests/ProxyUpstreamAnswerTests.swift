import Foundation
import NIOPosix
import PortvaktSimulation
import Testing

/// Answer heads that must not reach the client as the upstream sent them (RFC 9112 §5, §6.3): ambiguous framing,
/// bytes that could split the answer, codings curl does not take off. Each is a 502 problem naming what was
/// wrong, as nginx answers them, and the client's connection stays usable; what a proxy may repair, it repairs.
@Suite struct ProxyUpstreamAnswerTests {
    struct Refused: Sendable, CustomTestStringConvertible {
        var name: String
        var answer: String
        /// Part of the 502's detail; nil where curl's own words stand there.
        var detail: String?

        var testDescription: String { self.name }

        static let all: [Refused] = [
            .init(
                name: "Content-Length beside Transfer-Encoding",
                answer:
                    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
                detail: "both Content-Length and Transfer-Encoding"),
            .init(
                name: "two different Content-Lengths",
                answer: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi!",
                detail: "conflicting or invalid Content-Length values"),
            .init(
                name: "a carriage return inside a value",
                answer: "HTTP/1.1 200 OK\r\nX-Evil: a\rInjected: yes\r\nContent-Length: 2\r\n\r\nok",
                detail: "a control character in a header field value"),
            .init(
                name: "a space inside a field name",
                answer: "HTTP/1.1 200 OK\r\nX Bad: 1\r\nContent-Length: 2\r\n\r\nok",
                detail: "a header field name that is not a token"),
            .init(
                name: "a gzip transfer coding",
                answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
                detail: "a transfer coding other than chunked alone"),
            .init(
                name: "a head over 64 KiB",
                answer: "HTTP/1.1 200 OK\r\n"
                    + String(repeating: "X-Filler: " + String(repeating: "a", count: 1000) + "\r\n", count: 70)
                    + "Content-Length: 2\r\n\r\nok",
                detail: "a head over 64 KiB"),
            // The head is fine and the body broken at once: the failure arrives with the head, before any of the
            // answer has gone out, so the client still gets a 502 rather than a head and a closed connection.
            .init(
                name: "a chunk size that is not hex, right after the head",
                answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhi\r\n0\r\n\r\n", detail: nil),
        ]
    }

    @Test(arguments: Refused.all)
    func malformedAnswersAreABadGateway(_ refused: Refused) async throws {
        try await withScriptedUpstream(["refused": refused.answer, "fine": "HTTP/1.1 204 No Content\r\n\r\n"]) {
            proxy, upstream in
            let client = proxy.client()
            let response = try await client.send("GET", Self.path + "refused")
            #expect(response.status == 502, "\(refused.name): \(response.head.headers)")
            #expect(response.header("content-type") == "application/problem+json")
            #expect(response.header("x-evil") == nil && response.header("injected") == nil)
            let detail = try ProxyFailureTests.problem(response)["detail"] as? String ?? ""
            if let expected = refused.detail {
                #expect(detail.contains(expected), "\(refused.name): \(detail)")
            }
            // The answer was refused, the client's connection was not: the next request goes through on it.
            #expect(try await client.send("GET", Self.path + "fine").status == 204)
            #expect(upstream.requestsServed == 2)
            let record = try #require(try await ProxyFailureTests.record(in: proxy, path: Self.path + "refused"))
            #expect(record.int("status") == 502)
        }
    }

    /// Legal answers the strict parsing must not break: trailer fields after a chunked body are dropped (RFC 9112
    /// §7.1.2), whitespace before a colon is removed (§5.1), equal Content-Lengths become one (RFC 9110 §8.6).
    @Test func repairableAnswersPassRepaired() async throws {
        let answers = [
            "trailers":
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n2\r\nhi\r\n0\r\n"
                + "X-Checksum: abc\r\n\r\n",
            "spaced": "HTTP/1.1 200 OK\r\nX-Spaced : 1\r\nContent-Length: 2\r\n\r\nok",
            "lengths": "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok",
        ]
        try await withScriptedUpstream(answers) { proxy, _ in
            let client = proxy.client()
            let trailers = try await client.send("GET", Self.path + "trailers")
            #expect(trailers.status == 200)
            #expect(trailers.text == "hi")
            #expect(trailers.header("x-checksum") == nil)
            let spaced = try await client.send("GET", Self.path + "spaced")
            #expect(spaced.status == 200)
            #expect(spaced.header("x-spaced") == "1")
            let lengths = try await client.send("GET", Self.path + "lengths")
            #expect(lengths.status == 200)
            #expect(lengths.head.headerValues("content-length") == ["2"])
            #expect(lengths.text == "ok")
        }
    }

    /// A Dialogporten route, so that the proxy sends it to the platform upstream: the scripted one here.
    private static let path = "/dialogporten/api/v1/enduser/dialogs?scripted="

    private func withScriptedUpstream(
        _ answers: [String: String],
        _ body: (ProxyFixture, ScriptedUpstream) async throws -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let upstream = try await ScriptedUpstream.start(group: group, answers: answers)
        var options = ProxyFixture.Options()
        options.platformOverride = upstream.baseURL
        do {
            try await withProxy(options) { proxy in try await body(proxy, upstream) }
        } catch {
            await upstream.stop()
            throw error
        }
        await upstream.stop()
    }
}
