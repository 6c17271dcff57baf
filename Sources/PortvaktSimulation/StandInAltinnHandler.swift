import NIOCore
import NIOHTTP1

/// Serves one connection to the stand-in: collects each request (its body only as a count and a hash), asks
/// the responder what to do, and does it. Generated bodies are written only while the channel is writable, so
/// a slow reader holds the stand-in's memory flat however large the body.
///
/// Sits behind NIO's `HTTPServerPipelineHandler`, which holds pipelined requests back until the previous answer
/// has ended; so this handler only ever sees one request at a time.
final class StandInAltinnHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Phase {
        case idle
        case receiving(StandInRequest)
        case streaming(GeneratedBodyCursor, closeAfterwards: Bool)
        /// `/_test/hang` and `/_test/head-then-stall`: nothing more is ever written.
        case silent
    }

    private let responder: StandInResponder
    private var phase = Phase.idle

    init(responder: StandInResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.responder.state.counters.withLockedValue { $0.requestsServed += 1 }
            self.phase = .receiving(StandInRequest(head: head))
            // curl and others wait up to a second for this before sending a large body.
            if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(
                    Self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))),
                    promise: nil
                )
            }
        case .body(let buffer):
            guard case .receiving(var request) = self.phase else { return }
            request.body.update(buffer)
            if request.route.isUploadSink {
                self.responder.state.counters.withLockedValue { $0.uploadedBytes += buffer.readableBytes }
            }
            self.phase = .receiving(request)
        case .end:
            guard case .receiving(let request) = self.phase else { return }
            self.phase = .idle
            self.carryOut(self.responder.answer(to: request), for: request.head, context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            self.writeGeneratedBody(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.phase = .idle
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func carryOut(_ answer: StandInAnswer, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        let isHead = request.method == .HEAD
        let closeAfterwards = !request.isKeepAlive
        func prepared(_ head: HTTPResponseHead) -> HTTPResponseHead {
            var head = head
            if closeAfterwards {
                head.headers.replaceOrAdd(name: "connection", value: "close")
            }
            return head
        }

        switch answer {
        case .complete(let head, let body):
            context.write(Self.wrapOutboundOut(.head(prepared(head))), promise: nil)
            if let body, !isHead {
                context.write(Self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            }
            self.writeEnd(context: context, closeAfterwards: closeAfterwards)
        case .generated(let head, let range):
            context.write(Self.wrapOutboundOut(.head(prepared(head))), promise: nil)
            if isHead {
                self.writeEnd(context: context, closeAfterwards: closeAfterwards)
            } else {
                self.phase = .streaming(GeneratedBodyCursor(range), closeAfterwards: closeAfterwards)
                self.writeGeneratedBody(context: context)
            }
        case .headThenStall(let head, let firstBytes):
            context.write(Self.wrapOutboundOut(.head(prepared(head))), promise: nil)
            if !isHead {
                context.write(Self.wrapOutboundOut(.body(.byteBuffer(firstBytes))), promise: nil)
            }
            context.flush()
            self.phase = .silent
        case .silence:
            self.phase = .silent
        case .closeConnection:
            context.close(promise: nil)
        }
    }

    /// Writes pieces while the channel is writable; `channelWritabilityChanged` calls again when it drains.
    private func writeGeneratedBody(context: ChannelHandlerContext) {
        guard case .streaming(var cursor, let closeAfterwards) = self.phase else { return }
        while context.channel.isWritable, let chunk = cursor.nextChunk(allocator: context.channel.allocator) {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
        }
        if cursor.isFinished {
            self.phase = .idle
            self.writeEnd(context: context, closeAfterwards: closeAfterwards)
        } else {
            self.phase = .streaming(cursor, closeAfterwards: closeAfterwards)
            context.flush()
        }
    }

    private func writeEnd(context: ChannelHandlerContext, closeAfterwards: Bool) {
        let written = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
        if closeAfterwards {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
