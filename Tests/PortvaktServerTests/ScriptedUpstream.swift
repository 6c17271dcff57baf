import NIOCore
import NIOPosix
import Synchronization

/// An upstream that answers with bytes a test wrote out by hand, with no HTTP encoder to tidy them: for answer
/// heads no well-behaved server sends. A request whose target ends in `?scripted=NAME` gets `answers[NAME]`, then
/// the connection closes.
final class ScriptedUpstream: Sendable {
    private let channel: any Channel
    private let served = Atomic<Int>(0)

    var port: Int { self.channel.localAddress?.port ?? 0 }
    var baseURL: String { "http://127.0.0.1:\(self.port)" }
    /// Requests whose head arrived.
    var requestsServed: Int { self.served.load(ordering: .relaxed) }

    private init(channel: any Channel) {
        self.channel = channel
    }

    static func start(group: any EventLoopGroup, answers: [String: String]) async throws -> ScriptedUpstream {
        let box = Mutex<ScriptedUpstream?>(nil)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        Answerer(answers: answers) { box.withLock { $0 }?.served.add(1, ordering: .relaxed) })
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let upstream = ScriptedUpstream(channel: channel)
        box.withLock { $0 = upstream }
        return upstream
    }

    func stop() async {
        try? await self.channel.close()
    }

    private final class Answerer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let answers: [String: String]
        private let onRequest: @Sendable () -> Void
        private var received: [UInt8] = []
        private var answered = false

        init(answers: [String: String], onRequest: @escaping @Sendable () -> Void) {
            self.answers = answers
            self.onRequest = onRequest
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !self.answered else { return }
            self.received += self.unwrapInboundIn(data).readableBytesView
            let text = String(decoding: self.received, as: UTF8.self)
            guard text.contains("\r\n\r\n") else { return }
            self.answered = true
            self.onRequest()
            let target = text.split(separator: " ", maxSplits: 2).dropFirst().first ?? ""
            let name = target.split(separator: "?scripted=", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            let answer = self.answers[name] ?? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
            let channel = context.channel
            context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: answer))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }
}
