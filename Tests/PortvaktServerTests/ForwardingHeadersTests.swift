import NIOHTTP1
import Testing

@testable import PortvaktServer

@Suite struct ForwardingHeadersTests {
    @Test func dropsHopByHopAndFramingHeadersAndKeepsTheRestInOrder() {
        let headers = HTTPHeaders([
            ("Host", "portvakt.example"), ("Authorization", "Bearer x"), ("Connection", "keep-alive, X-Drop"),
            ("Keep-Alive", "timeout=5"), ("X-Drop", "1"), ("TE", "trailers"), ("Transfer-Encoding", "chunked"),
            ("Content-Length", "10"), ("Expect", "100-continue"), ("Upgrade", "h2c"), ("Proxy-Authorization", "p"),
            ("Tus-Resumable", "1.0.0"), ("If-Match", "abc"), ("Range", "bytes=0-9"),
        ])
        let forwarded = ForwardingHeaders.upstreamRequestHeaders(
            headers,
            clientAddress: "10.1.2.3",
            host: "portvakt.example"
        )
        #expect(
            forwarded.map(\.name) == [
                "Authorization", "Tus-Resumable", "If-Match", "Range", "X-Forwarded-For", "Forwarded",
            ]
        )
        #expect(forwarded.first { $0.name == "X-Forwarded-For" }?.value == "10.1.2.3")
        #expect(forwarded.last?.value == "for=10.1.2.3;host=portvakt.example;proto=http")
    }

    @Test func appendsToForwardingHeadersTheClientSent() {
        let headers = HTTPHeaders([
            ("X-Forwarded-For", "192.0.2.1"), ("x-forwarded-for", "192.0.2.2"), ("Forwarded", "for=192.0.2.1"),
        ])
        let forwarded = ForwardingHeaders.upstreamRequestHeaders(headers, clientAddress: "::1", host: nil)
        #expect(forwarded.map(\.name) == ["X-Forwarded-For", "Forwarded"])
        #expect(forwarded[0].value == "192.0.2.1, 192.0.2.2, ::1")
        #expect(forwarded[1].value == "for=192.0.2.1, for=\"[::1]\";proto=http")
    }

    @Test func quotesHostsThatAreNotTokens() {
        #expect(
            ForwardingHeaders.forwardedElement(client: "127.0.0.1", host: "localhost:8080")
                == "for=127.0.0.1;host=\"localhost:8080\";proto=http"
        )
        #expect(ForwardingHeaders.forwardedElement(client: nil, host: nil) == "for=unknown;proto=http")
    }

    @Test func answerHeadersLoseHopByHopButKeepLengthAndEverythingElse() {
        let headers: [(name: String, value: String)] = [
            ("Content-Length", "2048"), ("Transfer-Encoding", "chunked"), ("Connection", "close, X-Hop"),
            ("X-Hop", "1"), ("Keep-Alive", "timeout=5"), ("ETag", "\"v1\""), ("Retry-After", "7"),
            ("next", "https://example/next"), ("Upload-Offset", "10"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
        ]
        let answer = ForwardingHeaders.clientResponseHeaders(headers)
        #expect(
            answer.map(\.name) == [
                "Content-Length", "ETag", "Retry-After", "next", "Upload-Offset", "Set-Cookie", "Set-Cookie",
            ]
        )
        #expect(answer["set-cookie"] == ["a=1", "b=2"])
    }

    @Test func caseInsensitiveComparisonIsASCIIOnly() {
        #expect("Content-Length".equalsIgnoringASCIICase("content-length"))
        #expect(!"Content-Length".equalsIgnoringASCIICase("content-lengt"))
        #expect(!"[".equalsIgnoringASCIICase("{"))  // 0x5B and 0x7B differ by 0x20 but are not letters
    }
}

@Suite struct HeaderNameTests {
    @Test(arguments: [
        ("TE", HeaderName.hopByHop), ("trailer", .hopByHop), ("Upgrade", .hopByHop), ("KEEP-ALIVE", .hopByHop),
        ("Proxy-Connection", .hopByHop), ("Transfer-Encoding", .hopByHop), ("Proxy-Authenticate", .hopByHop),
        ("proxy-authorization", .hopByHop), ("Connection", .connection), ("Host", .host),
        ("content-length", .contentLength), ("Expect", .expect), ("Forwarded", .forwarded),
        ("X-Forwarded-For", .xForwardedFor), ("Authorization", .other), ("Content-Type", .other), ("Tes", .other),
        ("keep_alive", .other), ("Hos", .other), ("", .other),
    ])
    func recognisesNamesWhateverTheirCase(_ name: String, _ expected: HeaderName) {
        #expect(HeaderName(name) == expected)
    }
}
