import Foundation
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// Large bodies stream through `portvakt serve` and `portvakt stand-in` as processes of their own, so each
/// one's peak memory is its own and not that of the tests running beside this one.
@Suite struct StreamingMemoryTests {
    #if os(Linux)
        /// 128 MiB down (read slowly, so the proxy must pause the upstream) and 128 MiB up (chunked) through the
        /// proxy. Neither process may raise its peak resident set by half a body: holding one would break it,
        /// streaming costs little (measured: 1.3 MiB for the proxy, under 0.1 MiB for the stand-in; 127 MiB when
        /// the stand-in ignores backpressure).
        @Test func largeBodiesThroughTheProxyKeepBothProcessesFlat() async throws {
            let served = try ServedPortvakt()
            defer { served.removeDirectory() }
            let standInPort = try freeLoopbackPort()
            let standIn = try PortvaktProcess(["stand-in", "--listen", "127.0.0.1:\(standInPort)"])
            defer { kill(standIn.process.processIdentifier, SIGTERM) }
            try await ServedPortvakt.waitUntilAnswering(port: standInPort, path: "/healthz")
            try served.writeConfig(
                """
                upstreams: { platform: http://127.0.0.1:\(standInPort), apps: "http://{org}.localhost:9" }
                sanctions: { enabled: false }
                """)
            let proxy = try await served.start()
            defer { kill(proxy.process.processIdentifier, SIGTERM) }

            let client = SimulationClient(
                host: "127.0.0.1", port: served.proxyPort, group: MultiThreadedEventLoopGroup.singleton,
                timeout: .seconds(120))
            // Connections and pools warmed, so the peaks below are the bodies' alone.
            #expect(
                try await client.download("/broker/api/v1/filetransfer/f1/download?size=1048576").bytes == 1_048_576)
            let before = (
                ResidentMemory.peakKiB(of: proxy.process.processIdentifier),
                ResidentMemory.peakKiB(of: standIn.process.processIdentifier)
            )

            let size = 128 * 1024 * 1024
            let (head, downloaded, sha256) = try await client.download(
                "/broker/api/v1/filetransfer/f1/download?size=\(size)", readDelay: .microseconds(200))
            let uploaded = try await client.upload(
                "POST", "/broker/api/v1/filetransfer/f1/upload", bytes: size, contentLength: false)
            try? await client.close()

            #expect(head.status == 200)
            #expect(downloaded == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
            #expect(uploaded.status == 200)
            let answer = try JSONSerialization.jsonObject(with: Data(uploaded.body)) as? [String: Any]
            #expect(answer?["bytes"] as? Int == size)
            let proxyGrowthKiB = ResidentMemory.peakKiB(of: proxy.process.processIdentifier) - before.0
            let standInGrowthKiB = ResidentMemory.peakKiB(of: standIn.process.processIdentifier) - before.1
            #expect(proxyGrowthKiB < 64 * 1024, "portvakt serve's peak rose by \(proxyGrowthKiB) KiB")
            #expect(standInGrowthKiB < 64 * 1024, "portvakt stand-in's peak rose by \(standInGrowthKiB) KiB")
        }
    #endif
}
