import NIOCore
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Testing

@testable import PortvaktUpstream

/// The engine against a real loopback upstream (the stand-in Altinn), without the NIO proxy in front.
@Suite(.serialized) struct UpstreamEngineTests {
    struct Fetched: Sendable {
        var status: Int?
        var headers: [(name: String, value: String)] = []
        var body: [UInt8] = []
        var error: UpstreamError?
        /// From the delegate's making, just before the transfer starts, to its end, timed on the event loop: what
        /// the engine took, without the wait of the test's task (a busy test run may resume it seconds late).
        var elapsed: Duration = .zero

        func header(_ name: String) -> String? {
            self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Collects one transfer's events; takes every body chunk at once (a fast client).
    final class RecordingDelegate: UpstreamTransferDelegate {
        private var fetched = Fetched()
        private let promise: EventLoopPromise<Fetched>
        private let takesBody: Bool
        private let madeAt = NIODeadline.now()

        init(promise: EventLoopPromise<Fetched>, takesBody: Bool = true) {
            self.promise = promise
            self.takesBody = takesBody
        }

        func upstreamTransfer(_ transfer: UpstreamTransfer, didReceiveHead head: UpstreamResponseHead) {
            self.fetched.status = head.status
            self.fetched.headers = head.headers
        }

        func upstreamTransfer(_ transfer: UpstreamTransfer, didReceiveBody buffer: ByteBuffer) {
            self.fetched.body += buffer.readableBytesView
            if self.takesBody { transfer.bodyWritten(buffer.readableBytes) }
        }

        func upstreamTransferWantsRequestBody(_ transfer: UpstreamTransfer) {}

        func upstreamTransfer(_ transfer: UpstreamTransfer, didFinishWith error: UpstreamError?) {
            self.fetched.error = error
            self.fetched.elapsed = Duration(NIODeadline.now() - self.madeAt)
            self.promise.succeed(self.fetched)
        }

        func upstreamTransferDidDeliverBatch(_ transfer: UpstreamTransfer) {}
    }

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    func withEngine<Result>(
        connectTimeout: Duration = .seconds(2),
        readTimeout: Duration = .seconds(30),
        _ body: (UpstreamEngine, StandInAltinn) async throws -> Result
    ) async throws -> Result {
        let standIn = try await StandInAltinn.start(group: self.group)
        let engine = try UpstreamEngine(
            configuration: .init(connectTimeout: connectTimeout, readTimeout: readTimeout)
        )
        engine.start()
        defer { engine.shutdown() }
        let result = try await body(engine, standIn)
        try await standIn.shutdown()
        return result
    }

    func fetch(
        _ engine: UpstreamEngine,
        _ method: String,
        _ url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil
    ) async throws -> Fetched {
        let loop = self.group.next()
        let request = UpstreamRequest(
            method: method,
            url: url,
            headers: headers,
            body: body.map { .length(Int64($0.count)) } ?? .none
        )
        return try await loop.flatSubmit {
            let promise = loop.makePromise(of: Fetched.self)
            let transfer = engine.makeTransfer(request, on: loop, delegate: RecordingDelegate(promise: promise))
            transfer.start()
            if let body {
                _ = transfer.appendRequestBody(ByteBuffer(bytes: body))
                transfer.finishRequestBody()
            }
            return promise.futureResult
        }.get()
    }

    /// Operators see the engine by name in `top -H` and `perf`.
    @Test func theEngineThreadCarriesItsName() async throws {
        try await self.withEngine { _, _ in
            #expect(await eventually { threadNames().contains("pv-curl-engine") })
        }
    }

    @Test func forwardsAGetAndReturnsHeadAndBody() async throws {
        try await self.withEngine { engine, standIn in
            let fetched = try await self.fetch(
                engine, "GET", standIn.baseURL + "/_test/echo?x=1", headers: [("X-Test", "yes")])
            #expect(fetched.error == nil)
            #expect(fetched.status == 200)
            let echo = String(decoding: fetched.body, as: UTF8.self)
            #expect(echo.contains("\"method\":\"GET\""))
            #expect(echo.contains("X-Test"))
            #expect(!echo.lowercased().contains("\"expect\""))  // no 100-continue round trip
        }
    }

    @Test func sendsABodyOfKnownLength() async throws {
        try await self.withEngine { engine, standIn in
            let body = BytePattern.bytes(0..<100_000)
            let fetched = try await self.fetch(engine, "POST", standIn.baseURL + "/_test/echo", body: body)
            let echo = String(decoding: fetched.body, as: UTF8.self)
            #expect(echo.contains("\"body_bytes\":100000"))
            #expect(echo.contains(BytePattern.sha256Hex(of: 0..<100_000)))
        }
    }

    @Test func refusedConnectionIsUnreachable() async throws {
        // "At once" is well before the connect timeout, with room for a loaded machine.
        try await self.withEngine(connectTimeout: .seconds(10)) { engine, standIn in
            // Port 9 (discard), where nothing listens here (a freshly freed port may be taken by another test).
            let url = "http://127.0.0.1:9/_test/echo"
            let fetched = try await self.fetch(engine, "GET", url)
            guard case .unreachable = fetched.error else {
                Issue.record("expected unreachable, got \(String(describing: fetched.error))")
                return
            }
            #expect(fetched.elapsed < .seconds(5))
        }
    }

    @Test func hangingUpstreamTimesOut() async throws {
        try await self.withEngine(readTimeout: .seconds(1)) { engine, standIn in
            let fetched = try await self.fetch(engine, "GET", standIn.baseURL + "/_test/hang")
            guard case .timedOut = fetched.error else {
                Issue.record("expected a timeout, got \(String(describing: fetched.error))")
                return
            }
            // The 1 s timeout, with room for a loaded machine; curl's own low-speed check would take six.
            #expect(fetched.elapsed >= .milliseconds(900))
            #expect(fetched.elapsed < .seconds(5))
        }
    }

    /// After the head and a few bytes, a stall is noticed `readTimeout` after the last byte; curl's own check,
    /// which averages the speed over five seconds, would take six.
    @Test func stallAfterTheHeadTimesOutAfterReadTimeout() async throws {
        try await self.withEngine(readTimeout: .seconds(1)) { engine, standIn in
            let fetched = try await self.fetch(engine, "GET", standIn.baseURL + "/_test/head-then-stall")
            let elapsed = fetched.elapsed
            #expect(fetched.status == 200)
            #expect(fetched.body == BytePattern.bytes(0..<10))
            guard case .timedOut = fetched.error else {
                Issue.record("expected a timeout, got \(String(describing: fetched.error))")
                return
            }
            #expect(elapsed >= .milliseconds(900))
            // Under curl's six seconds, with room for a loaded machine.
            #expect(elapsed < .seconds(5))
        }
    }

    /// A transfer made but cancelled before it starts never reaches the upstream, and a started one does.
    @Test func nothingReachesTheUpstreamBeforeStart() async throws {
        try await self.withEngine { engine, standIn in
            let loop = self.group.next()
            let request = UpstreamRequest(method: "GET", url: standIn.baseURL + "/_test/echo", headers: [], body: .none)
            // Cancelled transfers report nothing, so the test closes these promises itself.
            let cancelledPromise = loop.makePromise(of: Fetched.self)
            let unstartedPromise = loop.makePromise(of: Fetched.self)
            let unstarted = try await loop.submit {
                let cancelled = engine.makeTransfer(
                    request, on: loop, delegate: RecordingDelegate(promise: cancelledPromise))
                cancelled.cancel()
                cancelled.start()
                return engine.makeTransfer(request, on: loop, delegate: RecordingDelegate(promise: unstartedPromise))
            }.get()
            try await Task.sleep(for: .milliseconds(200))
            #expect(standIn.requestsServed == 0)
            #expect(engine.activeTransferCount == 0)

            let started = try await loop.flatSubmit {
                let promise = loop.makePromise(of: Fetched.self)
                engine.makeTransfer(request, on: loop, delegate: RecordingDelegate(promise: promise)).start()
                return promise.futureResult
            }.get()
            #expect(started.status == 200)
            #expect(standIn.requestsServed == 1)
            try await loop.submit { unstarted.cancel() }.get()
            cancelledPromise.succeed(Fetched())
            unstartedPromise.succeed(Fetched())
        }
    }

    @Test func reusesUpstreamConnections() async throws {
        try await self.withEngine { engine, standIn in
            for _ in 0..<20 {
                let fetched = try await self.fetch(engine, "GET", standIn.baseURL + "/_test/echo")
                #expect(fetched.status == 200)
            }
            #expect(standIn.connectionsAccepted == 1)
        }
    }

    @Test func cancelStopsTheTransfer() async throws {
        try await self.withEngine { engine, standIn in
            let loop = self.group.next()
            let url =
                standIn.baseURL
                + "/broker/api/v1/filetransfer/\(StandInAltinn.seededDialogIDs[0])/download?size=1073741824"
            let (transfer, finished) = try await loop.submit {
                // A client that never takes the body: curl pauses at the high-water mark.
                let finished = loop.makePromise(of: Fetched.self)
                let transfer = engine.makeTransfer(
                    UpstreamRequest(method: "GET", url: url, headers: [], body: .none),
                    on: loop,
                    delegate: RecordingDelegate(promise: finished, takesBody: false)
                )
                transfer.start()
                return (transfer, finished)
            }.get()
            try await Task.sleep(for: .milliseconds(300))
            #expect(engine.activeTransferCount == 1)
            try await loop.submit { transfer.cancel() }.get()
            // A cancelled transfer reports nothing more; the test closes its own promise.
            finished.succeed(Fetched())
            let deadline = ContinuousClock.now + .seconds(2)
            while engine.activeTransferCount > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(engine.activeTransferCount == 0)
        }
    }
}
