import Foundation
import PortvaktSimulation
import Testing

/// Bodies stream through the proxy both ways, whole and in order, with backpressure: memory stays flat however
/// large the body and however slow the reader.
@Suite struct ProxyStreamingTests {
    static let mebibyte = 1024 * 1024

    @Test(arguments: [true, false])
    func requestBodiesArriveWhole(contentLength: Bool) async throws {
        try await withProxy { proxy in
            let size = Self.mebibyte + 17
            let response = try await proxy.client().upload(
                "PUT",
                "/_test/echo",
                headers: [("Content-Type", "application/octet-stream")],
                bytes: size,
                contentLength: contentLength
            )
            #expect(response.status == 200)
            let echo = try EchoAnswer(response)
            #expect(echo.method == "PUT")
            #expect(echo.bodyBytes == size)
            #expect(echo.bodySHA256 == BytePattern.sha256Hex(of: 0..<size))
            // The upstream is told the length when the client told it, and gets chunks when the client sent them.
            #expect(echo.values("content-length") == (contentLength ? [String(size)] : []))
            #expect(echo.values("transfer-encoding") == (contentLength ? [] : ["chunked"]))
        }
    }

    @Test func chunkedAnswersArriveWhole() async throws {
        try await withProxy { proxy in
            let size = Self.mebibyte + 4321
            let client = proxy.client()
            let (head, bytes, sha256) = try await client.download("/_test/chunked?size=\(size)")
            #expect(head.status == 200)
            #expect(head.header("content-length") == nil)
            #expect(head.header("transfer-encoding") == "chunked")
            #expect(bytes == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
            // And the connection is still good for the next request.
            let empty = try await client.send("GET", "/_test/chunked?size=0")
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
        }
    }

    @Test func rangeRequestsGetTheirPart() async throws {
        try await withProxy { proxy in
            let response = try await proxy.client().send(
                "GET",
                "/broker/api/v1/filetransfer/f1/download?size=1000",
                headers: [("Range", "bytes=100-199")]
            )
            #expect(response.status == 206)
            #expect(response.header("content-range") == "bytes 100-199/1000")
            #expect(response.header("content-length") == "100")
            #expect(response.body == BytePattern.bytes(100..<200))

            let unsatisfiable = try await proxy.client().send(
                "GET",
                "/broker/api/v1/filetransfer/f1/download?size=1000",
                headers: [("Range", "bytes=5000-")]
            )
            #expect(unsatisfiable.status == 416)
            #expect(unsatisfiable.header("content-range") == "bytes */1000")
        }
    }

    /// 256 MiB down and 256 MiB up through the proxy arrive whole. How much memory streaming them costs is
    /// measured on the processes themselves (`StreamingMemoryTests`), away from the other tests' allocations.
    @Test(.timeLimit(.minutes(3))) func quarterGibibyteEachWayArrivesWhole() async throws {
        var options = ProxyFixture.Options()
        options.exclusive = true
        try await withProxy(options) { proxy in
            let size = 256 * Self.mebibyte
            let expected = BytePattern.sha256Hex(of: 0..<size)
            let client = proxy.client(timeout: .seconds(120))
            let direct = try await proxy.directClient(timeout: .seconds(120)).download(
                "/broker/api/v1/filetransfer/f1/download?size=\(size)")
            let (head, bytes, sha256) = try await client.download(
                "/broker/api/v1/filetransfer/f1/download?size=\(size)")
            #expect(head.status == 200)
            #expect(head.header("content-length") == String(size))
            #expect(bytes == direct.bytes)
            #expect(sha256 == direct.sha256)
            #expect(sha256 == expected)

            let uploaded = try await client.upload(
                "POST",
                "/broker/api/v1/filetransfer/f1/upload",
                headers: [("Content-Type", "application/octet-stream")],
                bytes: size,
                contentLength: true
            )
            #expect(uploaded.status == 200)
            let sink = try JSONSerialization.jsonObject(with: Data(uploaded.body)) as? [String: Any]
            #expect(sink?["bytes"] as? Int == size)
            #expect(sink?["sha256"] as? String == expected)
            #expect(proxy.standIn.uploadedBytes == size)
        }
    }

    /// A client reading 64 KiB every 2 ms takes 32 MiB in over a second, far slower than curl receives: every
    /// byte still arrives. That curl pauses meanwhile rather than piling the answer up in the proxy is
    /// measured on the process (`StreamingMemoryTests`).
    @Test(.timeLimit(.minutes(1))) func slowClientGetsEveryByte() async throws {
        var options = ProxyFixture.Options()
        options.exclusive = true
        try await withProxy(options) { proxy in
            let size = 32 * Self.mebibyte
            let client = proxy.client(timeout: .seconds(30))
            let started = ContinuousClock.now
            let (head, bytes, sha256) = try await client.download(
                "/broker/api/v1/filetransfer/f1/download?size=\(size)",
                readDelay: .milliseconds(2)
            )
            let elapsed = ContinuousClock.now - started
            #expect(head.status == 200)
            #expect(bytes == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
            // The client really was slow: at least 512 reads of at most 64 KiB, 2 ms apart.
            #expect(elapsed >= .seconds(1))
        }
    }
}
