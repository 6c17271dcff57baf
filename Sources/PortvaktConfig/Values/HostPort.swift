#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `HOST:PORT` address: where a listener binds or where a server (Redis) is reached.
/// The host is an IPv4 address, a bracketed IPv6 address (`[::1]:9090`) or a host name such as `localhost`.
public struct HostPort: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The host without brackets: `127.0.0.1`, `::1`, `localhost`.
    public var host: String
    /// 0…65535; 0 lets the system choose a free port.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(configText text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = asciiDigits(text[text.index(after: colon)...].utf8),
            port <= 65_535
        else { return nil }
        var host = text[..<colon]
        if host.hasPrefix("[") {
            guard host.hasSuffix("]") else { return nil }
            host = host.dropFirst().dropLast()
            guard Self.isAddress(host, family: AF_INET6) else { return nil }
        } else {
            guard Self.isHostName(host) else { return nil }
        }
        self.init(host: String(host), port: Int(port))
    }

    /// Round-trips through `init?(configText:)`: IPv6 hosts get their brackets back.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// A DNS name or, when it is made of digits and dots only, a valid IPv4 address (so `300.1.1.1` is refused).
    private static func isHostName(_ host: Substring) -> Bool {
        if host.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }) {
            return isAddress(host, family: AF_INET)
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.utf8.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    private static func isAddress(_ host: Substring, family: Int32) -> Bool {
        var buffer = (UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &buffer) { inet_pton(family, String(host), $0.baseAddress) == 1 }
    }
}
