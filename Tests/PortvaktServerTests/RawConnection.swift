import NIOCore
import NIOPosix
import Synchronization

/// A plain TCP connection that sends whatever bytes a test writes and records what comes back, with no HTTP
/// in between: for malformed requests, half-read answers and connections that must be seen to close.
///
/// It keeps the first `keepLimit` bytes it receives and counts the rest, so a gigabyte can stream past.
final class RawConnection: Sendable {
    struct Received: Sendable {
        var bytes: [UInt8] = []
        var count = 0
        var isClosed = false
    }

    private let channel: any Channel
    private let recorder: Recorder

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.recorder = recorder
    }

    /// Connects; `first`, when given, is written on the event loop the moment the connection is up, so that no
    /// pause of the test's task between connecting and sending can look like an idle client.
    static func open(
        port: Int,
        group: any EventLoopGroup,
        keepLimit: Int = 1 << 20,
        sending first: String? = nil
    ) async throws -> RawConnection {
        let recorder = Recorder(keepLimit: keepLimit)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(2))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(recorder)
                }
            }
            .connect(to: SocketAddress(ipAddress: "127.0.0.1", port: port))
            .flatMap { channel in
                guard let first else { return channel.eventLoop.makeSucceededFuture(channel) }
                return channel.writeAndFlush(ByteBuffer(string: first)).map { channel }
            }
            .get()
        return RawConnection(channel: channel, recorder: recorder)
    }

    func send(_ text: String) async throws {
        try await self.channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// A snapshot of what has arrived so far.
    var received: Received { self.recorder.state.withLock { $0 } }

    /// Waits until `condition` holds for what has arrived, at most `timeout`; returns whether it held.
    func wait(
        upTo timeout: Duration = .seconds(3),
        until condition: (Received) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self.received) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition(self.received)
    }

    /// Waits until the peer has closed the connection.
    func waitForClose(upTo timeout: Duration = .seconds(3)) async -> Bool {
        await self.wait(upTo: timeout) { $0.isClosed }
    }

    /// Waits until one whole answer head (up to the blank line) has arrived and returns it parsed.
    func waitForAnswerHead(upTo timeout: Duration = .seconds(3)) async -> RawAnswer? {
        _ = await self.wait(upTo: timeout) { RawAnswer($0.bytes) != nil || $0.isClosed }
        return RawAnswer(self.received.bytes)
    }

    func close() async {
        try? await self.channel.close()
    }

    private final class Recorder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer

        let state = Mutex(Received())
        let keepLimit: Int

        init(keepLimit: Int) {
            self.keepLimit = keepLimit
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = Self.unwrapInboundIn(data)
            self.state.withLock { state in
                state.count += buffer.readableBytes
                let room = self.keepLimit - state.bytes.count
                if room > 0 { state.bytes += buffer.readableBytesView.prefix(room) }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.state.withLock { $0.isClosed = true }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}

/// An answer as raw bytes: the status line and headers parsed, the rest left as received (chunk framing and all).
struct RawAnswer {
    var status: Int
    var headers: [(String, String)]
    /// The bytes after the head's blank line.
    var rest: [UInt8]

    /// Nil until a whole head has arrived.
    init?(_ bytes: [UInt8]) {
        let blankLine: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: blankLine) else { return nil }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = lines.first else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        self.status = status
        self.headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: " \t"))
        }
        self.rest = Array(bytes[end.upperBound...])
    }

    func header(_ name: String) -> String? {
        self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var slice = self
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
