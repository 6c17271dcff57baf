import NIOCore

/// Against slow clients (slowloris): once the first bytes of a request arrive, its whole head must follow
/// within `timeout`, or the connection gets `408` and is closed. Sits below the HTTP decoder and sees only
/// bytes; the proxy handler tells it, by outbound user events, when a head has arrived and when an exchange
/// is over. A keep-alive connection waiting quietly for its next request is the idle timeout's business.
final class RequestHeadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent outbound by the proxy handler.
    enum Event {
        case headReceived
        case exchangeFinished
    }

    private let timeout: TimeAmount
    private var isAwaitingHead = true
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.isAwaitingHead, self.deadline == nil {
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            self.deadline = context.eventLoop.scheduleTask(in: self.timeout) {
                bound.value.handler.expire(context: bound.value.context)
            }
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let event = event as? Event else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        switch event {
        case .headReceived:
            self.isAwaitingHead = false
            self.deadline?.cancel()
            self.deadline = nil
        case .exchangeFinished:
            self.isAwaitingHead = true
        }
        promise?.succeed()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.deadline = nil
        context.fireChannelInactive()
    }

    private func expire(context: ChannelHandlerContext) {
        self.deadline = nil
        guard self.isAwaitingHead, context.channel.isActive else { return }
        let answer = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
        let body =
            #"{"type":"about:blank","title":"Request Timeout","status":408,"#
            + #""detail":"The request head did not arrive in time."}"#
        let bytes = answer + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: bytes))).whenComplete { _ in
            bound.value.close(promise: nil)
        }
    }
}
