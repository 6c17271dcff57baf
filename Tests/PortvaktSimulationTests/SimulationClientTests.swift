import NIOPosix
import Testing

@testable import PortvaktSimulation

@Suite struct SimulationClientTests {
    @Test func addsHostAndFramingOnlyWhereNeeded() async throws {
        try await withStandIn { altinn, client in
            let get = try jsonObject(try await client.send("GET", "/_test/echo"))
            let getHeaders = try #require(get["headers"] as? [[String]])
            #expect(getHeaders.contains(["host", "127.0.0.1:\(altinn.port)"]))
            #expect(!getHeaders.contains { ["content-length", "transfer-encoding"].contains($0[0].lowercased()) })

            let post = try jsonObject(
                try await client.send("POST", "/_test/echo", headers: [("Host", "platform.tt02.altinn.no")]))
            let postHeaders = try #require(post["headers"] as? [[String]])
            #expect(postHeaders.contains(["Host", "platform.tt02.altinn.no"]))
            #expect(postHeaders.contains(["content-length", "0"]))
        }
    }

    @Test func chunkedUploadsSayChunked() async throws {
        try await withStandIn { _, client in
            let echo = try jsonObject(
                try await client.upload("PUT", "/_test/echo", bytes: 100_000, contentLength: false)
            )
            let headers = try #require(echo["headers"] as? [[String]])
            #expect(headers.contains(["transfer-encoding", "chunked"]))
            #expect(echo["body_bytes"] as? Int == 100_000)
            #expect(echo["body_sha256"] as? String == BytePattern.sha256Hex(of: 0..<100_000))
        }
    }

    @Test func concurrentCallersTakeTurnsOnOneConnection() async throws {
        try await withStandIn { altinn, client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    group.addTask { try await client.send("GET", "/_test/echo?n=\(index)").status }
                }
                for try await status in group {
                    #expect(status == 200)
                }
            }
            #expect(altinn.connectionsAccepted == 1)
            #expect(altinn.requestsServed == 16)
        }
    }

    @Test func slowReadsStillDeliverEverything() async throws {
        try await withStandIn { _, client in
            let size = 2 * 1024 * 1024
            let clock = ContinuousClock()
            let started = clock.now
            let (head, bytes, sha256) = try await client.download(
                "/broker/api/v1/filetransfer/f1/download?size=\(size)",
                readDelay: .milliseconds(10)
            )
            let elapsed = clock.now - started
            #expect(head.status == 200)
            #expect(bytes == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
            // At most 64 KiB per read, so at least 32 delayed reads.
            #expect(elapsed >= .milliseconds(250))
        }
    }

    @Test func cancellingACallClosesItsConnection() async throws {
        try await withStandIn { altinn, client in
            let hung = Task { try await client.send("GET", "/_test/hang") }
            while altinn.requestsServed == 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            hung.cancel()
            await #expect(throws: SimulationClientError.connectionClosed) { try await hung.value }
            let after = try await client.send("GET", "/_test/status/200")
            #expect(after.status == 200)
        }
    }

    @Test func interimAnswersAreSkipped() async throws {
        try await withStandIn { _, client in
            // The stand-in answers `Expect: 100-continue` with a 100 before the real answer.
            let response = try await client.send(
                "POST",
                "/_test/echo",
                headers: [("Expect", "100-continue")],
                body: Array("body".utf8)
            )
            #expect(response.status == 200)
            #expect(try jsonObject(response)["body_bytes"] as? Int == 4)
        }
    }

    @Test func reconnectsAfterClose() async throws {
        try await withStandIn { altinn, client in
            #expect(try await client.send("GET", "/_test/status/200").status == 200)
            try await client.close()
            #expect(try await client.send("GET", "/_test/status/200").status == 200)
            #expect(altinn.connectionsAccepted == 2)
        }
    }

    @Test func rejectsMethodsThatAreNotTokens() async throws {
        try await withStandIn { _, client in
            await #expect(throws: SimulationClientError.invalidMethod("GET /x")) {
                try await client.send("GET /x", "/")
            }
        }
    }

    @Test func refusedConnectionsFail() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let altinn = try await StandInAltinn.start(group: group)
        let port = altinn.port
        try await altinn.shutdown()
        let client = SimulationClient(host: "127.0.0.1", port: port, group: group, timeout: .seconds(5))
        await #expect(throws: (any Error).self) {
            try await client.send("GET", "/")
        }
    }
}
