import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port for a test's server, never handed out before in this process, and below the kernel's
/// ephemeral range.
///
/// A port the kernel picks for `bind` to port 0 is free only until the probe closes it: until the server that
/// was meant to have it starts (seconds, on a loaded machine), any other socket bound to port 0, or any
/// outgoing connection, may take it, and the server then fails with `EADDRINUSE`. Ports below the ephemeral
/// range are never picked by the kernel, so only another explicit bind can take one, and this process binds
/// explicitly only ports it had from here.
public func freeLoopbackPort() throws -> Int {
    try LoopbackPorts.shared.next()
}

private final class LoopbackPorts: Sendable {
    static let shared = LoopbackPorts()

    struct Exhausted: Error, CustomStringConvertible {
        var description: String { "no free loopback port below the ephemeral range is left" }
    }

    private let range: Range<Int>
    /// The next candidate, as an offset into `range`; starts at random, so that two test processes on one
    /// machine seldom try the same ports.
    private let cursor: Mutex<Int>

    private init() {
        let ephemeralLow =
            (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))
            .flatMap { Int($0.split(whereSeparator: \.isWhitespace).first ?? "") } ?? 32768
        self.range = 10_000..<max(ephemeralLow, 10_001)
        self.cursor = Mutex(Int.random(in: 0..<self.range.count))
    }

    func next() throws -> Int {
        try self.cursor.withLock { cursor in
            for _ in 0..<self.range.count {
                let port = self.range.lowerBound + cursor % self.range.count
                cursor += 1
                if Self.canBind(port) { return port }
            }
            throw Exhausted()
        }
    }

    /// Whether a listener could bind `port` on loopback now, with `SO_REUSEADDR` as servers set it (so a
    /// connection of an earlier run in `TIME_WAIT` does not count as taking it).
    private static func canBind(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// 127.0.0.1:`port`.
public func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return address
}
