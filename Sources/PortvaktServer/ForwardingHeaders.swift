import NIOHTTP1

/// Which headers cross the proxy, and what it adds: RFC 9110 §7.6.1 hop-by-hop headers stay behind,
/// `Forwarded` (RFC 7239) and `X-Forwarded-For` are added, everything else passes unchanged and in order.
public enum ForwardingHeaders {
    /// Headers that describe one connection, never the message.
    private static let hopByHop: [String] = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// The client's request headers as they go upstream. `Host` goes too (curl names the upstream host),
    /// and so do `Content-Length` and `Expect`: curl frames the body and no 100-continue round trip is wanted.
    public static func upstreamRequestHeaders(
        _ headers: HTTPHeaders,
        clientAddress: String?,
        host: String?
    ) -> [(name: String, value: String)] {
        let connectionTokens = Self.connectionTokens(headers)
        var forwardedFor: String?
        var forwarded: String?
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(headers.count + 2)
        for (name, value) in headers {
            if Self.isHopByHop(name, connectionTokens) || name.equalsIgnoringASCIICase("host")
                || name.equalsIgnoringASCIICase("content-length") || name.equalsIgnoringASCIICase("expect")
            {
                continue
            }
            if name.equalsIgnoringASCIICase("x-forwarded-for") {
                forwardedFor = forwardedFor.map { "\($0), \(value)" } ?? value
                continue
            }
            if name.equalsIgnoringASCIICase("forwarded") {
                forwarded = forwarded.map { "\($0), \(value)" } ?? value
                continue
            }
            result.append((name, value))
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
        var connectionTokens: [Substring] = []
        for (name, value) in headers where name.equalsIgnoringASCIICase("connection") {
            connectionTokens.append(contentsOf: Self.tokens(value))
        }
        var result = HTTPHeaders()
        result.reserveCapacity(headers.count)
        for (name, value) in headers where !Self.isHopByHop(name, connectionTokens) {
            result.add(name: name, value: value)
        }
        return result
    }

    /// RFC 7239 §4: `for=192.0.2.1;host=…;proto=http`; IPv6 addresses are quoted in brackets.
    public static func forwardedElement(client: String?, host: String?) -> String {
        var element = "for="
        if let client {
            element += client.contains(":") ? "\"[\(client)]\"" : client
        } else {
            element += "unknown"
        }
        if let host, !host.isEmpty {
            element += Self.isToken(host) ? ";host=\(host)" : ";host=\"\(host)\""
        }
        return element + ";proto=http"
    }

    private static func connectionTokens(_ headers: HTTPHeaders) -> [Substring] {
        headers["connection"].flatMap(Self.tokens)
    }

    private static func tokens(_ value: String) -> [Substring] {
        value.split(separator: ",").map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
    }

    private static func isHopByHop(_ name: String, _ connectionTokens: [Substring]) -> Bool {
        Self.hopByHop.contains { name.equalsIgnoringASCIICase($0) }
            || connectionTokens.contains { name.equalsIgnoringASCIICase($0) }
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
