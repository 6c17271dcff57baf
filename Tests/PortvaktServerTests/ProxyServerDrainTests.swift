import NIOCore
import NIOPosix
import PortvaktSimulation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ProxyServer.drain()`: what SIGTERM does. The listener stops at once; requests in flight finish whole.
@Suite struct ProxyServerDrainTests {
    @Test func drainLetsTheRequestInFlightFinishAndRefusesNewConnections() async throws {
        var options = ProxyFixture.Options()
        // Beyond the download below, which the drain must wait out.
        options.drainTimeout = .seconds(30)
        try await withProxy(options) { proxy in
            let size = 32 * 1024 * 1024
            let target = "/broker/api/v1/filetransfer/f1/download?size=\(size)"
            let client = proxy.client(timeout: .seconds(30))
            // 512 reads of at most 64 KiB, 16 ms apart: about eight seconds in flight, so that the checks below
            // happen while it runs even on a loaded machine (two seconds once ran out before them).
            let download = Task {
                try await client.download(target, readDelay: .milliseconds(16))
            }
            let idle = try await proxy.rawConnection()
            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 1 })
            // Both connections accepted (on a loaded machine the idle one may still wait in the backlog).
            #expect(await proxy.eventually { proxy.server.openConnections == 2 })

            let drained = Task { await proxy.server.drain() }
            // The listener closes at once: a new connection is refused while the download is still running (the
            // bound leaves room for a starved task and stays well inside the download's eight seconds).
            let refused = await proxy.eventually(within: .seconds(4)) {
                Self.connectionIsRefused(port: proxy.port)
            }
            #expect(refused)
            #expect(proxy.engine.activeTransferCount == 1, "the download ended before the drain could be seen")
            // An idle keep-alive connection is closed straight away.
            #expect(await idle.waitForClose(upTo: .seconds(4)))

            let (head, bytes, sha256) = try await download.value
            #expect(head.status == 200)
            #expect(bytes == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
            let started = ContinuousClock.now
            await drained.value
            // The drain ended with the last request, long before its timeout (30 s).
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    /// A blocking connect to 127.0.0.1:`port`: true when refused (nothing listens), false when accepted.
    private static func connectionIsRefused(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result != 0 && errno == ECONNREFUSED
    }
}
