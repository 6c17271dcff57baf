import NIOCore
import NIOEmbedded
import Testing

@testable import PortvaktServer

/// The head deadline on an embedded channel, whose clock moves only when told: one check per connection,
/// moved on from head to head, must still answer 408 exactly one timeout after a head's first bytes.
@Suite struct RequestHeadTimeoutHandlerTests {
    private let channel = EmbeddedChannel(handler: RequestHeadTimeoutHandler(timeout: .seconds(1)))

    init() throws {
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
    }

    private func receive(_ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
        _ = try channel.readInbound(as: ByteBuffer.self)
    }

    private func tell(_ event: RequestHeadTimeoutHandler.Event) {
        channel.pipeline.triggerUserOutboundEvent(event, promise: nil)
    }

    private func advance(milliseconds: Int64) {
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(milliseconds))
    }

    /// The 408 if one was written.
    private func answer() throws -> String? {
        try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
    }

    @Test func aHeadThatDoesNotArriveInTimeGets408AndTheConnectionCloses() throws {
        try receive("GET / HTTP/1.1\r\n")
        advance(milliseconds: 999)
        #expect(try answer() == nil)
        advance(milliseconds: 1)
        #expect(try answer()?.hasPrefix("HTTP/1.1 408 Request Timeout\r\n") == true)
        #expect(!channel.isActive)
    }

    @Test func aHeadThatArrivedAndAQuietConnectionAfterItAreLeftAlone() throws {
        try receive("GET / HTTP/1.1\r\n")
        tell(.headReceived)
        advance(milliseconds: 5_000)
        tell(.exchangeFinished)
        advance(milliseconds: 5_000)
        #expect(try answer() == nil)
        #expect(channel.isActive)
    }

    /// The check set for the first head runs while the second is still in time: it moves on to the
    /// second's deadline rather than answering early or forgetting it.
    @Test func theNextHeadGetsItsOwnFullTimeout() throws {
        try receive("GET /first HTTP/1.1\r\n\r\n")
        tell(.headReceived)
        tell(.exchangeFinished)
        advance(milliseconds: 900)
        try receive("GET /second HTTP/1.1\r\n")
        advance(milliseconds: 100)
        #expect(try answer() == nil)
        advance(milliseconds: 899)
        #expect(try answer() == nil)
        advance(milliseconds: 1)
        #expect(try answer()?.hasPrefix("HTTP/1.1 408") == true)
    }

    /// Bytes that arrive while an exchange runs (a pipelined request) start no deadline of their own.
    @Test func anExchangeLongerThanTheTimeoutIsNotAHeadTimeout() throws {
        try receive("POST /upload HTTP/1.1\r\nContent-Length: 10\r\n\r\n")
        tell(.headReceived)
        try receive("01234")
        advance(milliseconds: 3_000)
        try receive("56789")
        #expect(try answer() == nil)
        tell(.exchangeFinished)
        try receive("GET / HTTP/1.1\r\n")
        advance(milliseconds: 1_000)
        #expect(try answer()?.hasPrefix("HTTP/1.1 408") == true)
    }
}
