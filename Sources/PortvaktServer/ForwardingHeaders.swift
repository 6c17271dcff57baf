import NIOHTTP1

/// Which headers cross the proxy, and what it adds: RFC 9110 §7.6.1 hop-by-hop headers stay behind,
/// `Forwarded` (RFC 7239) and `X-Forwarded-For` are added, everything else passes unchanged and in order.
public enum ForwardingHeaders {
    /// The client's request headers as they go upstream. `Host` goes too (curl names the upstream host),
    /// and so do `Content-Length` and `Expect`: curl frames the body and no 100-continue round trip is wanted.
    public static func upstreamRequestHeaders(
        _ headers: HTTPHeaders,
        clientAddress: String?,
        host: String?
    ) -> [(name: String, value: String)] {
        let listed = Self.namesListedInConnection(headers)
        var forwardedFor: String?
        var forwarded: String?
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(headers.count + 2)
        for (name, value) in headers {
            switch HeaderName(name) {
            case .hopByHop, .connection, .host, .contentLength, .expect:
                continue
            case .xForwardedFor:
                forwardedFor = forwardedFor.map { "\($0), \(value)" } ?? value
            case .forwarded:
                forwarded = forwarded.map { "\($0), \(value)" } ?? value
            case .other:
                if listed.isEmpty || !listed.contains(where: { name.equalsIgnoringASCIICase($0) }) {
                    result.append((name, value))
                }
            }
        }
        let client = clientAddress ?? "unknown"
        result.append(("X-Forwarded-For", forwardedFor.map { "\($0), \(client)" } ?? client))
        let element = Self.forwardedElement(client: clientAddress, host: host)
        result.append(("Forwarded", forwarded.map { "\($0), \(element)" } ?? element))
        return result
    }

    /// The upstream's answer headers as they go to the client. `Content-Length` stays, so the client sees
    /// the upstream's framing (and HEAD answers their length); a chunked answer is re-chunked by NIO.
    public static func clientResponseHeaders(_ headers: [(name: String, value: String)]) -> HTTPHeaders {
        var listed: [Substring] = []
        for (name, value) in headers where HeaderName(name) == .connection {
            listed.append(contentsOf: Self.extensionTokens(value))
        }
        var result = HTTPHeaders()
        result.reserveCapacity(headers.count)
        for (name, value) in headers {
            switch HeaderName(name) {
            case .hopByHop, .connection:
                continue
            default:
                if listed.isEmpty || !listed.contains(where: { name.equalsIgnoringASCIICase($0) }) {
                    result.add(name: name, value: value)
                }
            }
        }
        return result
    }

    /// RFC 7239 §4: `for=192.0.2.1;host=…;proto=http`; IPv6 addresses are quoted in brackets.
    public static func forwardedElement(client: String?, host: String?) -> String {
        var element = "for="
        if let client {
            element += client.utf8.contains(UInt8(ascii: ":")) ? "\"[\(client)]\"" : client
        } else {
            element += "unknown"
        }
        if let host, !host.isEmpty {
            element += Self.isToken(host) ? ";host=\(host)" : ";host=\"\(host)\""
        }
        return element + ";proto=http"
    }

    private static func namesListedInConnection(_ headers: HTTPHeaders) -> [Substring] {
        var listed: [Substring] = []
        for (name, value) in headers where HeaderName(name) == .connection {
            listed.append(contentsOf: Self.extensionTokens(value))
        }
        return listed
    }

    /// The header names a `Connection` value lists, less the options that name no header (`keep-alive` is
    /// hop-by-hop anyway, `close` is no header): usually none, which keeps the common case free of work.
    private static func extensionTokens(_ value: String) -> [Substring] {
        // The common value names no header: answered without splitting it.
        if value.equalsIgnoringASCIICase("keep-alive") || value.equalsIgnoringASCIICase("close") { return [] }
        return value.split(separator: ",").compactMap { token in
            let token = token.trimmingASCIISpaces()
            if token.isEmpty || token.equalsIgnoringASCIICase("keep-alive") || token.equalsIgnoringASCIICase("close") {
                return nil
            }
            return token
        }
    }

    private static func isToken(_ value: String) -> Bool {
        value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                return true
            default:
                return false
            }
        }
    }
}

extension StringProtocol {
    /// ASCII case-insensitive equality without building lower-cased copies (header names are ASCII).
    func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        let lhs = self.utf8
        let rhs = other.utf8
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
        }
    }

    func trimmingASCIISpaces() -> SubSequence {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
