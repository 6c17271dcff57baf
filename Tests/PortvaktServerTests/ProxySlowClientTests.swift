import Foundation
import NIOCore
import NIOPosix
import PortvaktServer
import Synchronization
import Testing

/// Slow and greedy clients (issue: hardening): a request head must arrive in time once it has begun, a request
/// body must keep coming, and connections beyond the cap are closed at once.
@Suite struct ProxySlowClientTests {
    @Test func aHeadThatTricklesInGets408AndTheConnectionCloses() async throws {
        var options = ProxyFixture.Options()
        options.headerTimeout = .seconds(1)
        try await withProxy(options) { proxy in
            let slow = try await proxy.rawConnection()
            let started = ContinuousClock.now
            try await slow.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\n")
            try await Task.sleep(for: .milliseconds(300))
            // Still trickling: the deadline counts from the first byte, not the last.
            try? await slow.send("X-Slow: 1\r\n")
            let answer = await slow.waitForAnswerHead(upTo: .seconds(10))
            #expect(answer?.status == 408)
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(await slow.waitForClose())
            #expect(proxy.standIn.requestsServed == 0)
        }
    }

    @Test func aQuietKeepAliveConnectionIsNotTimedOutByTheHeadDeadline() async throws {
        var options = ProxyFixture.Options()
        options.headerTimeout = .milliseconds(200)
        try await withProxy(options) { proxy in
            let client = proxy.client()
            #expect(try await client.send("GET", "/_test/echo").status == 200)
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await client.send("GET", "/_test/echo").status == 200)
        }
    }

    /// A body that stops halfway is the client's doing: 408 after `server.idle_timeout`, the connection closed,
    /// the upload upstream dropped.
    @Test func aRequestBodyThatStopsGets408AfterTheIdleTimeout() async throws {
        var options = ProxyFixture.Options()
        // Not shorter: on a loaded machine a pause before the head is read could itself be taken as idle.
        options.idleTimeout = .seconds(3)
        options.readTimeout = .seconds(30)
        try await withProxy(options) { proxy in
            let started = ContinuousClock.now
            // Sent as the connection comes up: a full test run once paused this task for over 3 s between
            // connecting and sending, and the proxy rightly closed the idle connection first.
            let slow = try await proxy.rawConnection(
                sending: "POST /_test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let answer = await slow.waitForAnswerHead(upTo: .seconds(10))
            #expect(answer?.status == 408)
            #expect(answer?.header("content-type") == "application/problem+json")
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(2900) && elapsed < .seconds(15))
            #expect(await slow.waitForClose())
            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 0 })
            let record = try #require(try await ProxyFailureTests.record(in: proxy, path: "/_test/echo"))
            #expect(record.int("status") == 408)
        }
    }

    /// curl's low-speed check counts while its upload waits for the client: when it runs out first, the stall
    /// is still the client's (408, not 504), and no mark against the upstream's breaker.
    @Test func aRequestBodyThatStopsIsNotBlamedOnTheUpstream() async throws {
        var options = ProxyFixture.Options()
        options.idleTimeout = .seconds(60)
        options.readTimeout = .seconds(1)
        let breakers = CircuitBreakers(failureThreshold: 1, coolDownNanoseconds: 60_000_000_000)
        options.breakers = breakers
        try await withProxy(options) { proxy in
            let slow = try await proxy.rawConnection()
            try await slow.send("POST /_test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let answer = await slow.waitForAnswerHead(upTo: .seconds(15))
            #expect(answer?.status == 408)
            #expect(await slow.waitForClose())
            // With one failure tripping the breaker, a 504 would have made this a 503.
            #expect(try await proxy.client().send("GET", "/_test/echo").status == 200)
        }
    }

    /// A client that stops reading its answer (nginx's send_timeout): once the answer has backed up and nothing of
    /// it has been taken for `server.idle_timeout`, the connection closes and the upstream transfer is dropped.
    @Test func aClientThatStopsReadingIsClosed() async throws {
        var options = ProxyFixture.Options()
        options.idleTimeout = .seconds(3)
        try await withProxy(options) { proxy in
            // The request is written on the event loop the moment the connection is up (as `RawConnection` does):
            // a full test run on a loaded machine once paused this task for longer than the idle timeout between
            // connecting and sending, and the proxy rightly closed the idle connection first.
            let request = "GET /_test/chunked?size=\(256 << 20) HTTP/1.1\r\nHost: x\r\n\r\n"
            let channel = try await ClientBootstrap(group: proxy.group)
                .channelOption(.autoRead, value: false)
                .channelOption(.socketOption(.so_rcvbuf), value: 4096)
                .connect(host: "127.0.0.1", port: proxy.port)
                .flatMap { channel in channel.writeAndFlush(ByteBuffer(string: request)).map { channel } }
                .get()
            #expect(await proxy.eventually { proxy.engine.activeTransferCount == 1 })
            #expect(await proxy.eventually(within: .seconds(15)) { proxy.engine.activeTransferCount == 0 })
            #expect(await proxy.eventually { proxy.server.openConnections == 0 })
            try? await channel.close()
        }
    }

    /// A slow but steady reader is no stalled one: taking 64 KiB every 20 ms, it keeps the answer backed up past
    /// the kernel's buffers for longer than the idle timeout, during the transfer and after the upstream has sent
    /// its last byte, and still gets the whole answer.
    @Test func aSlowButSteadyReaderGetsTheWholeAnswer() async throws {
        var options = ProxyFixture.Options()
        // Longer than the others: a pause of the reading task on a loaded machine must not look like a stop.
        options.idleTimeout = .seconds(5)
        let size = 24 << 20
        try await withProxy(options) { proxy in
            let counter = ByteCounter()
            let channel = try await ClientBootstrap(group: proxy.group)
                .channelOption(.autoRead, value: false)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 16 << 10))
                .channelOption(.maxMessagesPerRead, value: 4)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(counter) }
                }
                .connect(host: "127.0.0.1", port: proxy.port)
                .get()
            try await channel.writeAndFlush(
                ByteBuffer(string: "GET /_test/chunked?size=\(size) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            let started = ContinuousClock.now
            while !counter.state.withLock({ $0.isClosed }), ContinuousClock.now - started < .seconds(60) {
                channel.read()
                try await Task.sleep(for: .milliseconds(20))
            }
            let received = counter.state.withLock { $0 }
            #expect(received.isClosed)
            // The chunked body and its framing, all of it: more than the body alone.
            #expect(received.count > size)
            #expect(ContinuousClock.now - started > .seconds(5))
            let record = try #require(
                try await ProxyFailureTests.record(in: proxy, path: "/_test/chunked?size=\(size)"))
            #expect(record.int("bytes_out") == size)
        }
    }

    private final class ByteCounter: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let state = Mutex((count: 0, isClosed: false))

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = self.unwrapInboundIn(data).readableBytes
            self.state.withLock { $0.count += bytes }
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.state.withLock { $0.isClosed = true }
        }
    }

    @Test func connectionsBeyondTheCapAreClosedAtOnce() async throws {
        var options = ProxyFixture.Options()
        options.maxConnections = 2
        try await withProxy(options) { proxy in
            let first = try await proxy.rawConnection()
            let second = try await proxy.rawConnection()
            try await first.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await first.waitForAnswerHead()?.status == 200)
            let third = try await proxy.rawConnection()
            #expect(await third.waitForClose())
            await second.close()
            try await Task.sleep(for: .milliseconds(100))
            let fourth = try await proxy.rawConnection()
            try await fourth.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await fourth.waitForAnswerHead()?.status == 200)
        }
    }
}
