import NIOCore
import NIOHTTP1

/// Carries out `SimulationExchange`s on one client connection, one at a time: writes the request (a generated
/// body only while the channel is writable), gathers the answer, and completes the exchange's promise. It
/// closes the connection when it cannot be reused: the server said `Connection: close`, the answer ended
/// before the request body did, the exchange timed out, or anything failed.
///
/// A slow reader is made by holding back `read()` on its way to the socket; with fewer reads the kernel's
/// receive window fills and the sender has to wait.
final class SimulationClientHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = SimulationExchange
    typealias OutboundOut = HTTPClientRequestPart

    private struct Current {
        var exchange: SimulationExchange
        var timeout: Scheduled<Void>?
        /// When the request head was written.
        var sentAt: NIODeadline
        /// The rest of a generated request body; nil once the request has ended.
        var pendingUpload: GeneratedBodyCursor?
        var answerHead: HTTPResponseHead?
        var collected = ByteBuffer()
        var digest = BodyDigest()
    }

    private var current: Current?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = Self.unwrapOutboundIn(data)
        promise?.succeed()
        guard self.current == nil, context.channel.isActive else {
            exchange.outcome.fail(SimulationClientError.connectionClosed)
            return
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: exchange.timeout) {
            self.fail(SimulationClientError.timedOut(after: Duration(exchange.timeout)), context: context)
        }
        self.current = Current(exchange: exchange, timeout: timeout, sentAt: .now())

        context.write(Self.wrapOutboundOut(.head(exchange.head)), promise: nil)
        switch exchange.requestBody {
        case .none:
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        case .bytes(let body):
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        case .generated(let count):
            self.current?.pendingUpload = GeneratedBodyCursor(0..<count)
            self.writeGeneratedBody(context: context)
        }
    }

    func read(context: ChannelHandlerContext) {
        guard let current = self.current, current.answerHead != nil,
            case .digest(let readDelay?) = current.exchange.answerBody
        else {
            context.read()
            return
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: readDelay) {
            context.read()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard self.current != nil else { return }
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            // Interim answers (100 Continue, 103 Early Hints) are followed by the real one.
            if (100..<200).contains(head.status.code) && head.status.code != 101 { return }
            self.current?.answerHead = head
        case .body(let buffer):
            switch self.current?.exchange.answerBody {
            case .collect:
                var buffer = buffer
                self.current?.collected.writeBuffer(&buffer)
            case .digest:
                self.current?.digest.update(buffer)
            case nil:
                break
            }
        case .end:
            self.finish(context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            self.writeGeneratedBody(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.fail(SimulationClientError.connectionClosed, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.fail(error, context: context)
    }

    private func writeGeneratedBody(context: ChannelHandlerContext) {
        guard var cursor = self.current?.pendingUpload else { return }
        while context.channel.isWritable, let chunk = cursor.nextChunk(allocator: context.channel.allocator) {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
        }
        if cursor.isFinished {
            self.current?.pendingUpload = nil
            context.write(Self.wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            self.current?.pendingUpload = cursor
        }
        context.flush()
    }

    private func finish(context: ChannelHandlerContext) {
        guard let current = self.current, let answerHead = current.answerHead else { return }
        self.current = nil
        current.timeout?.cancel()
        // Close before completing, so the next exchange already sees the connection as gone.
        if !answerHead.isKeepAlive || current.pendingUpload != nil {
            context.close(promise: nil)
        }
        let isDigest: Bool
        if case .digest = current.exchange.answerBody { isDigest = true } else { isDigest = false }
        current.exchange.outcome.succeed(
            SimulationExchange.Outcome(
                head: SimulationResponseHead(
                    status: Int(answerHead.status.code),
                    headers: answerHead.headers.map { ($0.name, $0.value) }
                ),
                body: current.collected,
                byteCount: isDigest ? current.digest.byteCount : current.collected.readableBytes,
                sha256Hex: isDigest ? current.digest.sha256Hex : nil,
                roundTrip: Duration(NIODeadline.now() - current.sentAt)
            )
        )
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard let current = self.current else { return }
        self.current = nil
        current.timeout?.cancel()
        context.close(promise: nil)
        current.exchange.outcome.fail(error)
    }
}
