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
    /// When the first bytes of the head now awaited arrived; nil between a head and the end of its exchange,
    /// and on a keep-alive connection waiting for its next request.
    private var headStartedAt: NIODeadline?
    /// One check per connection, not a timer set and cancelled per request: it is scheduled for the deadline
    /// of the head that found none, and when it runs it only looks at the head awaited then (another, later
    /// one moves it on to that head's deadline). A request costs a clock read.
    private var check: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.isAwaitingHead, self.headStartedAt == nil {
            let now = context.eventLoop.now
            self.headStartedAt = now
            if self.check == nil { self.scheduleCheck(at: now + self.timeout, context: context) }
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
            self.headStartedAt = nil
        case .exchangeFinished:
            self.isAwaitingHead = true
        }
        promise?.succeed()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.check?.cancel()
        self.check = nil
        context.fireChannelInactive()
    }

    private func scheduleCheck(at deadline: NIODeadline, context: ChannelHandlerContext) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        self.check = context.eventLoop.scheduleTask(deadline: deadline) {
            bound.value.handler.runCheck(context: bound.value.context)
        }
    }

    private func runCheck(context: ChannelHandlerContext) {
        self.check = nil
        guard self.isAwaitingHead, let started = self.headStartedAt else { return }
        let deadline = started + self.timeout
        if context.eventLoop.now < deadline {
            self.scheduleCheck(at: deadline, context: context)
        } else {
            self.expire(context: context)
        }
    }

    private func expire(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
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
