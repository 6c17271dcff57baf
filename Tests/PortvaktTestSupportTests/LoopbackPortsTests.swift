import Foundation
import PortvaktTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct LoopbackPortsTests {
    /// Each port is handed out once, lies below the range the kernel picks ports from for `bind` to port 0 and
    /// for outgoing connections, and a listener can take it.
    @Test func portsAreDistinctBelowTheEphemeralRangeAndFree() throws {
        let range = try String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)
        let ephemeralLow = try #require(Int(range.split(whereSeparator: \.isWhitespace)[0]))
        let ports = try (0..<200).map { _ in try freeLoopbackPort() }
        #expect(Set(ports).count == ports.count)
        #expect(ports.allSatisfy { $0 >= 1024 && $0 < ephemeralLow })
        for port in ports.prefix(20) { #expect(Self.listens(on: port)) }
    }

    /// Whether a listener bound to 127.0.0.1:`port` (and closed again).
    private static func listens(on port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        return bound && listen(socket, 1) == 0
    }
}
