import Logging
import NIOCore
import NIOHTTP1
import PortvaktAccessLog
import PortvaktCluster
import PortvaktCore
import PortvaktIdentity
import PortvaktUpstream

/// One client connection's proxy: classifies each request, forwards it through the curl engine, and streams
/// the answer back with backpressure both ways. Runs on the connection's event loop; the engine reports back
/// on it too (`UpstreamTransferDelegate`), so no state here is shared across threads.
final class ProxyHandler: ChannelInboundHandler, UpstreamTransferDelegate {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Sent down the pipeline when the server drains: finish the request in progress, then close.
    struct Drain: Sendable {}

    /// The request in progress on this connection. A class: the handler changes it field by field on every
    /// event, and copying a struct of strings and references back and forth cost a retain and release each time.
    private final class Exchange {
        enum RequestBody { case none, streaming, complete }
        enum Answer { case waiting, streaming, done }

        let requestID: String
        let method: HTTPMethod
        let version: HTTPVersion
        let target: String
        let route: Route
        let upstreamHost: String
        let party: RequestParty
        /// The settings in force when the head arrived, kept to the end whatever a reload does meanwhile.
        let settings: ProxySettings
        let startedAt: NIODeadline
        let startedAtWallClock: Int64
        var keepAlive: Bool
        var transfer: UpstreamTransfer?
        /// The transfer is made at the head and started at the end of the read that brought it.
        var isTransferStartPending = false
        var requestBody: RequestBody
        var isClientHeldBack = false
        /// The proxy wants more of the request body and the client is not held back: if nothing comes, the client
        /// has stopped sending (not the upstream taking it slowly).
        var awaitsClientBody: Bool { self.requestBody == .streaming && !self.isClientHeldBack }
        /// Cancels the upstream transfer, started or still to start: nothing more of this request goes upstream.
        func dropTransfer() {
            self.transfer?.cancel()
            self.transfer = nil
            self.isTransferStartPending = false
        }
        var answer: Answer = .waiting
        var status = 0
        var bytesIn: Int64 = 0
        var bytesOut: Int64 = 0
        var digest: ResponseDigest?
        /// The most restrictive limit's `RateLimit-Policy` and `RateLimit` values, for every answer.
        var limiting: RateLimitVerdict.Limiting?
        var decision = Decision.allowed
        /// The rule behind a refusal or a shadow decision.
        var rule: String?
        /// `Portvakt-Notice` for a supplier at the ladder's `notice` step.
        var notice: String?
        /// Asked for a page as a browser does (terms §7.1 watches these outside the APIs).
        var isBrowserLike = false
        /// When the upstream transfer started, for the latency metric.
        var upstreamStartedAt: NIODeadline?
        /// The client asked `Expect: 100-continue`: answered once the request is admitted.
        var expectsContinue = false
        /// The shared limits (Redis) have not answered yet: the transfer is made but not started.
        var isAdmissionPending = false

        init(
            requestID: String,
            method: HTTPMethod,
            version: HTTPVersion,
            target: String,
            route: Route,
            upstreamHost: String,
            party: RequestParty,
            settings: ProxySettings,
            startedAt: NIODeadline,
            startedAtWallClock: Int64,
            keepAlive: Bool,
            requestBody: RequestBody
        ) {
            self.requestID = requestID
            self.method = method
            self.version = version
            self.target = target
            self.route = route
            self.upstreamHost = upstreamHost
            self.party = party
            self.settings = settings
            self.startedAt = startedAt
            self.startedAtWallClock = startedAtWallClock
            self.keepAlive = keepAlive
            self.requestBody = requestBody
        }
    }

    /// What arrived after the request being answered (pipelining): later requests' parts, or a parser error in them.
    private enum PipelinedEvent {
        case part(HTTPServerRequestPart)
        case parserError(HTTPParserError)
    }

    private let proxy: ProxyContext
    /// This event loop's settings; read at each request's head.
    private let loop: NIOLoopBoundBox<LoopSettings>
    private var context: ChannelHandlerContext?
    private var exchange: Exchange?
    private var clientAddress: String?
    private var isDraining = false
    /// When the client last took a streamed piece of an answer, or the latest request began: a client whose
    /// answers back up while it takes nothing for `server.idle_timeout` has stopped reading.
    private var answerTakenAt: NIODeadline?
    /// Handled in order once the answer in progress ends; while anything waits here, nothing more is read.
    private var pipelined = CircularBuffer<PipelinedEvent>()
    private var isProcessingPipelined = false

    init(proxy: ProxyContext, loop: NIOLoopBoundBox<LoopSettings>) {
        self.proxy = proxy
        self.loop = loop
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        self.clientAddress = context.channel.remoteAddress?.ipAddress
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        context.read()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let exchange = self.exchange, exchange.answer != .done {
            exchange.dropTransfer()
            // nginx's 499: the client closed the connection before the answer was complete.
            if exchange.answer == .waiting { exchange.status = 499 }
            self.logExchange()
        }
        self.exchange = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After a parser error the byte stream can no longer be trusted: the connection closes. If no answer has
        // begun, the client learns why first (431 for oversized headers, 400 otherwise), and a request whose head
        // came before the error is logged with that status, its transfer dropped. (The end of input amid a body is
        // the client going away: `channelInactive` logs that as 499.)
        if let parserError = error as? HTTPParserError, parserError != .invalidEOFState,
            !self.pipelined.isEmpty || self.exchange?.requestBody == .complete
        {
            // The error is in a later, pipelined request: the answer in progress finishes first.
            self.pipelined.append(.parserError(parserError))
            return
        }
        self.refuse(error, context: context)
    }

    /// The request body stopped arriving for `server.idle_timeout`: the upstream transfer is dropped, and the client
    /// gets a 408 if no answer has begun (and the connection closes either way).
    private func abandonRequestBody(of exchange: Exchange, context: ChannelHandlerContext) {
        guard exchange.answer == .waiting else {
            self.closeAmidAnswer(exchange, context: context)
            return
        }
        exchange.dropTransfer()
        self.answer(with: Self.requestBodyStalled, context: context)
    }

    /// Ends an exchange whose answer has begun (or, pipelined, waits behind one the client does not take): the
    /// upstream transfer dropped, the request logged as far as it went, the connection closed.
    private func closeAmidAnswer(_ exchange: Exchange, context: ChannelHandlerContext) {
        exchange.dropTransfer()
        // Nothing of its own answer sent: logged as nginx logs a client that did not stay for it.
        if exchange.answer == .waiting { exchange.status = 499 }
        exchange.answer = .done
        self.logExchange()
        self.exchange = nil
        context.close(promise: nil)
    }

    private static let requestBodyStalled = ProblemResponse.requestTimeout(
        "The request body stopped arriving (server.idle_timeout, or upstreams.read_timeout if shorter); the upstream "
            + "request was dropped.")

    /// Answers a parser error (when no answer has begun) and closes the connection.
    private func refuse(_ error: any Error, context: ChannelHandlerContext) {
        guard let parserError = error as? HTTPParserError, parserError != .invalidEOFState,
            (self.exchange?.answer ?? .waiting) == .waiting
        else {
            context.close(promise: nil)
            return
        }
        let problem: ProblemResponse =
            parserError == .headerOverflow
            ? .headersTooLarge(
                "The request's header fields exceed the \(self.loop.value.settings.maxHeaderBytes) bytes allowed.")
            : .badRequest("The request is not valid HTTP/1.1 (\(parserError)); nothing was forwarded.")
        if let exchange = self.exchange {
            exchange.dropTransfer()
            exchange.status = Int(problem.status.code)
            exchange.answer = .done
            self.logExchange()
            self.exchange = nil
        }
        let channel = context.channel
        context.write(self.wrapOutboundOut(.head(problem.head(keepAlive: false))), promise: nil)
        context.write(self.wrapOutboundOut(.body(.byteBuffer(problem.body))), promise: nil)
        context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            if let exchange = self.exchange, exchange.awaitsClientBody {
                // Idle amid its request body, while the proxy asks for more: the client has stopped sending (nginx's
                // client_body_timeout).
                self.abandonRequestBody(of: exchange, context: context)
            } else if context.channel.isWritable {
                // Idle between requests: close. (A long answer streaming out reads nothing either; not idle.)
                if self.exchange == nil { context.close(promise: nil) }
            } else if let since = self.answerTakenAt,
                NIODeadline.now() - since >= .nanoseconds(self.loop.value.settings.idleTimeout.nanoseconds)
            {
                // An answer backed up, in progress or just finished, and nothing of it taken for as long (nginx's
                // send_timeout): a client that has stopped reading would hold the connection, and the upstream
                // transfer, for ever.
                if let exchange = self.exchange {
                    self.closeAmidAnswer(exchange, context: context)
                } else {
                    context.close(promise: nil)
                }
            }
            return
        }
        if event is Drain {
            self.isDraining = true
            if self.exchange == nil { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Only now, with all of this read parsed, does a new request go upstream: one found malformed in the same
        // bytes (a bad chunk size after a good head) has been refused and closed by now, and is never forwarded.
        self.startPendingTransfer()
        self.readIfWanted(context: context)
        context.fireChannelReadComplete()
    }

    private func startPendingTransfer() {
        if let exchange = self.exchange, exchange.isTransferStartPending {
            self.exchange?.isTransferStartPending = false
            exchange.upstreamStartedAt = .now()
            exchange.transfer?.start()
        }
    }

    /// autoRead is off: keep one read outstanding — it notices a client that leaves — unless the upload buffer
    /// is full or pipelined requests wait.
    private func readIfWanted(context: ChannelHandlerContext) {
        if self.pipelined.isEmpty, !(self.exchange?.isClientHeldBack ?? false) { context.read() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = self.unwrapInboundIn(data)
        var isNextRequest = false
        if case .head = part { isNextRequest = self.exchange != nil }
        if isNextRequest || !self.pipelined.isEmpty {
            self.pipelined.append(.part(part))
        } else {
            self.handle(part, context: context)
        }
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            self.begin(head, context: context)
        case .body(let chunk):
            guard let exchange = self.exchange, exchange.requestBody == .streaming else { return }
            exchange.bytesIn += Int64(chunk.readableBytes)
            if let transfer = exchange.transfer, !transfer.appendRequestBody(chunk) {
                exchange.isClientHeldBack = true
            }
        case .end:
            guard let exchange = self.exchange, exchange.requestBody == .streaming else { return }
            exchange.requestBody = .complete
            exchange.isClientHeldBack = false
            exchange.transfer?.finishRequestBody()
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        context.triggerUserOutboundEvent(RequestHeadTimeoutHandler.Event.headReceived, promise: nil)
        let startedAt = NIODeadline.now()
        let requestID = RequestID.next()
        let keepAlive = head.isKeepAlive && !self.isDraining
        let method = RequestMethod(head.method.rawValue)
        let settings = self.loop.value.settings
        let route = self.proxy.catalogue.route(host: nil, method: method, target: head.uri)
        let upstreamHost = settings.upstreams.host(product: route.product, target: head.uri)
        let wallClock = WallClock.nanosecondsSinceEpoch()
        let (party, identity) = self.party(of: head, unixSeconds: wallClock / 1_000_000_000)
        let body = Self.body(of: head)
        self.answerTakenAt = startedAt
        self.exchange = Exchange(
            requestID: requestID,
            method: head.method,
            version: head.version,
            target: head.uri,
            route: route,
            upstreamHost: upstreamHost,
            party: party,
            settings: settings,
            startedAt: startedAt,
            startedAtWallClock: wallClock,
            keepAlive: keepAlive,
            requestBody: body == .none ? .complete : .streaming
        )
        self.exchange?.isBrowserLike = BrowserLikeRequest.isBrowserLike(
            accept: head.headers.first(name: "accept"), fetchMode: head.headers.first(name: "sec-fetch-mode"),
            fetchDestination: head.headers.first(name: "sec-fetch-dest"))

        if let refusal = self.refusal(for: head, settings: settings) {
            self.exchange?.requestBody = .complete
            self.answer(with: refusal, context: context)
            return
        }
        guard let exchange = self.exchange else { return }
        exchange.expectsContinue = head.headers["expect"].contains { $0.equalsIgnoringASCIICase("100-continue") }
        switch self.admission(of: exchange, identity: identity, wallClock: wallClock, eventLoop: context.eventLoop) {
        case .refused(let refusal):
            self.answer(with: refusal, context: context)
            return
        case .admitted:
            self.continueIfExpected(exchange, context: context)
            exchange.isTransferStartPending = true
        case .pending:
            exchange.isAdmissionPending = true
        }
        let request = UpstreamRequest(
            method: head.method.rawValue,
            url: settings.upstreams.url(product: route.product, target: head.uri),
            headers: ForwardingHeaders.upstreamRequestHeaders(
                head.headers,
                clientAddress: self.clientAddress,
                host: head.headers.first(name: "host")
            ),
            body: body
        )
        exchange.transfer = self.proxy.engine(for: context.eventLoop).makeTransfer(
            request, on: context.eventLoop, delegate: self)
    }

    private func continueIfExpected(_ exchange: Exchange, context: ChannelHandlerContext) {
        guard exchange.expectsContinue else { return }
        context.writeAndFlush(
            self.wrapOutboundOut(.head(HTTPResponseHead(version: exchange.version, status: .continue))), promise: nil)
    }

    /// Whether a request may go upstream: now, not at all (with the answer the proxy gives itself), or once the
    /// shared limits have answered (`sharedLimitsAnswered`).
    private enum Admission {
        case admitted
        case refused(ProblemResponse)
        case pending
    }

    /// Whether the request may go upstream, by its token, its supplier's sanction and the limits, or the answer
    /// the proxy gives itself (401, a cut-off's 403, a throttled supplier's or a limit's 429). Records the
    /// decision, the rule, a notice and the RateLimit fields on the exchange either way. With shared limits the
    /// answer comes later, on this event loop.
    private func admission(
        of exchange: Exchange, identity: IdentityResult?, wallClock: Int64, eventLoop: any EventLoop
    ) -> Admission {
        let settings = exchange.settings
        if let end = settings.maintenance.end(for: exchange.route.product, at: wallClock) {
            exchange.decision = .maintenance
            return .refused(.maintenance(of: exchange.route.product, until: end, now: wallClock))
        }
        if settings.identity?.rejectsInvalidTokens == true, let problem = ProblemResponse.unauthorized(identity) {
            exchange.decision = .blocked
            return .refused(problem)
        }
        let party = exchange.party
        let standing = party.isAnonymous ? nil : self.proxy.ledger?.standing(of: party.supplier, at: wallClock)
        switch standing?.level {
        case .cutoff?:
            exchange.decision = .blocked
            return .refused(.cutOff(standing!, now: wallClock))
        case .notice?:
            exchange.notice = SanctionNotice.line(for: standing!)
        case .throttle?, nil:
            break
        }
        guard let limiter = settings.limiter else { return self.upstreamAdmission(of: exchange, wallClock: wallClock) }
        let isThrottled = standing?.level == .throttle
        if let shared = settings.sharedLimits,
            let request = limiter.sharedRequest(
                route: exchange.route, method: exchange.method.rawValue, target: exchange.target,
                party: party, isThrottled: isThrottled)
        {
            if let answer = shared.buckets.leasedAnswer(for: request) {
                return self.admission(
                    of: exchange, by: answer, to: request, of: shared, limiter: limiter, standing: standing,
                    wallClock: wallClock)
            }
            let waiting = NIOLoopBound((handler: self, exchange: exchange, standing: standing), eventLoop: eventLoop)
            shared.buckets.decide(request) { answer in
                eventLoop.execute {
                    let (handler, exchange, standing) = waiting.value
                    handler.sharedLimitsAnswered(answer, to: request, of: exchange, standing: standing)
                }
            }
            return .pending
        }
        let verdict = limiter.decide(
            route: exchange.route, method: exchange.method.rawValue, target: exchange.target, party: party,
            isThrottled: isThrottled, now: Int64(exchange.startedAt.uptimeNanoseconds))
        return self.admission(of: exchange, by: verdict, of: limiter, standing: standing, wallClock: wallClock)
    }

    /// The admission a limit verdict gives.
    private func admission(
        of exchange: Exchange, by verdict: RateLimitVerdict, of limiter: RateLimiter,
        standing: SupplierSanction.Standing?, wallClock: Int64
    ) -> Admission {
        exchange.limiting = verdict.limiting
        guard verdict.isAllowed else {
            exchange.decision = .throttled
            exchange.rule = verdict.violatedRules.first
            return .refused(
                standing?.level == .throttle
                    ? .throttledForAbnormalUsage(verdict, standing: standing!)
                    : .quotaExceeded(verdict, rules: limiter.rules))
        }
        if let shadowRule = verdict.shadowRefusals.first {
            exchange.decision = .shadow
            exchange.rule = shadowRule
        }
        return self.upstreamAdmission(of: exchange, wallClock: wallClock)
    }

    /// The shared limits' answer, on this event loop; the request may have ended meanwhile (its client gone).
    /// Unreachable Redis: the cluster's failure policy decides.
    private func sharedLimitsAnswered(
        _ answer: SharedBuckets.Answer, to request: SharedLimiterRequest, of exchange: Exchange,
        standing: SupplierSanction.Standing?
    ) {
        guard let context = self.context, self.exchange === exchange, exchange.isAdmissionPending,
            let limiter = exchange.settings.limiter, let shared = exchange.settings.sharedLimits
        else { return }
        exchange.isAdmissionPending = false
        let admission = self.admission(
            of: exchange, by: answer, to: request, of: shared, limiter: limiter, standing: standing,
            wallClock: WallClock.nanosecondsSinceEpoch())
        switch admission {
        case .admitted:
            self.continueIfExpected(exchange, context: context)
            exchange.isTransferStartPending = true
            self.startPendingTransfer()
        case .refused(let problem):
            exchange.dropTransfer()
            self.answer(with: problem, context: context)
        case .pending:
            preconditionFailure("a shared answer is final")
        }
    }

    /// The admission the shared limits' answer gives; while Redis is unreachable, the cluster's failure policy's.
    private func admission(
        of exchange: Exchange, by answer: SharedBuckets.Answer, to request: SharedLimiterRequest,
        of shared: SharedLimits, limiter: RateLimiter, standing: SupplierSanction.Standing?, wallClock: Int64
    ) -> Admission {
        switch (answer, shared.onFailure) {
        case (.decided(let enforced, let shadowAllowed), _):
            let verdict = limiter.verdict(on: request, enforced: enforced, shadowAllowed: shadowAllowed)
            return self.admission(of: exchange, by: verdict, of: limiter, standing: standing, wallClock: wallClock)
        case (.unavailable, .open):
            return self.upstreamAdmission(of: exchange, wallClock: wallClock)
        case (.unavailable, .closed):
            exchange.decision = .blocked
            return .refused(.sharedLimitsUnavailable)
        case (.unavailable, .local):
            let fallback = shared.fallback
            let verdict = fallback.decide(
                route: exchange.route, method: exchange.method.rawValue, target: exchange.target,
                party: exchange.party, isThrottled: standing?.level == .throttle,
                now: Int64(NIODeadline.now().uptimeNanoseconds))
            return self.admission(of: exchange, by: verdict, of: fallback, standing: standing, wallClock: wallClock)
        }
    }

    /// Admitted, unless the circuit breaker of the exchange's upstream host is open (503).
    private func upstreamAdmission(of exchange: Exchange, wallClock: Int64) -> Admission {
        guard case .refuse(let until)? = exchange.settings.breakers?.admit(exchange.upstreamHost, at: wallClock) else {
            return .admitted
        }
        return .refused(.upstreamUnavailable(host: exchange.upstreamHost, until: until, now: wallClock))
    }

    /// Who sent the request, from its bearer token: the verified supplier, or `anonymous` at the client's
    /// address; and what the token said (nil when no identity policy is configured).
    private func party(of head: HTTPRequestHead, unixSeconds: Int64) -> (RequestParty, IdentityResult?) {
        let address = self.clientAddress ?? "unknown"
        guard self.loop.value.authenticator != nil else { return (.anonymous(address: address), nil) }
        let authorization = head.headers.first(name: "authorization").map { Substring($0) }
        let result = self.loop.value.authenticator!.identify(authorization: authorization, now: unixSeconds)
        guard case .verified(let identity) = result else { return (.anonymous(address: address), result) }
        let party = RequestParty(
            supplier: identity.supplier, customer: identity.customer, clientID: identity.clientID, address: address)
        return (party, result)
    }

    /// How the client frames its body (NIO's parser has already refused conflicting or malformed framing).
    private static func body(of head: HTTPRequestHead) -> UpstreamRequest.Body {
        if head.headers.contains(name: "transfer-encoding") { return .streamed }
        guard let length = head.headers.first(name: "content-length").flatMap({ Int64($0) }) else { return .none }
        if length == 0, head.method == .GET || head.method == .HEAD { return .none }
        return .length(length)
    }

    /// Requests that are never forwarded.
    private func refusal(for head: HTTPRequestHead, settings: ProxySettings) -> ProblemResponse? {
        guard head.uri.utf8.count <= settings.maxURIBytes else {
            return ProblemResponse(
                status: .uriTooLong, title: "URI Too Long",
                detail: "The request target is longer than the \(settings.maxURIBytes) bytes allowed.")
        }
        guard head.headers.count <= settings.maxHeaders else {
            return .headersTooLarge("The request has more than the \(settings.maxHeaders) header fields allowed.")
        }
        guard head.uri.utf8.first == UInt8(ascii: "/") else {
            return .badRequest("The request target must be a path (origin-form), not '\(head.uri.prefix(100))'.")
        }
        // RFC 9112 §3.2: a server must refuse an HTTP/1.1 request without Host, and any request with more than
        // one, so that nothing along the way can read a different host than the next one does (nginx refuses
        // them too).
        let hostFields = head.headers.lazy.filter { $0.name.equalsIgnoringASCIICase("host") }.prefix(2).count
        if hostFields > 1 {
            return .badRequest("The request has more than one Host header field.")
        }
        if hostFields == 0, head.version != .http1_0 {
            return .badRequest("An HTTP/1.1 request must have a Host header field.")
        }
        // NIO's parser takes chunked as the last coding and removes it; any coding before it (gzip, …) would go
        // upstream undeclared once Transfer-Encoding, hop-by-hop, is dropped. RFC 9112 §6.1: 501, as nginx answers.
        if let coding = head.headers.first(name: "transfer-encoding"),
            !coding.trimmingASCIISpaces().equalsIgnoringASCIICase("chunked")
        {
            return ProblemResponse(
                status: .notImplemented, title: "Not Implemented",
                detail: "Transfer-Encoding '\(coding.prefix(100))' is not supported; only chunked is.")
        }
        switch head.method {
        case .CONNECT, .TRACE:
            var problem = ProblemResponse(
                status: .methodNotAllowed,
                title: "Method Not Allowed",
                detail: "\(head.method.rawValue) is not forwarded by this proxy."
            )
            problem.extraHeaders = [("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")]
            return problem
        default:
            return nil
        }
    }

    // MARK: UpstreamTransferDelegate

    func upstreamTransfer(_ transfer: UpstreamTransfer, didReceiveHead head: UpstreamResponseHead) {
        guard let context = self.context, let exchange = self.exchange else { return }
        var headers = ForwardingHeaders.clientResponseHeaders(head.headers)
        if exchange.version.minor == 0, !headers.contains(name: "content-length") {
            // An HTTP/1.0 client cannot take a chunked body: the end of the body is the close.
            exchange.keepAlive = false
        }
        if !exchange.keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        exchange.limiting?.add(to: &headers)
        if let notice = exchange.notice { headers.add(name: "Portvakt-Notice", value: notice) }
        exchange.status = head.status
        exchange.answer = .streaming
        exchange.digest = ResponseDigest(etag: headers.first(name: "etag"))
        let responseHead = HTTPResponseHead(
            version: exchange.version,
            status: HTTPResponseStatus(statusCode: head.status),
            headers: headers
        )
        context.write(self.wrapOutboundOut(.head(responseHead)), promise: nil)
    }

    func upstreamTransfer(_ transfer: UpstreamTransfer, didReceiveBody buffer: ByteBuffer) {
        guard let context = self.context, self.exchange != nil else { return }
        let count = buffer.readableBytes
        self.exchange!.bytesOut += Int64(count)
        buffer.withUnsafeReadableBytes { self.exchange!.digest?.update($0) }
        // Flow control needs to know when the client took the bytes, unless the transfer has already ended (a small
        // answer delivered whole): then no promise, and no callback, is needed.
        guard !transfer.isFinishedInThisBatch else {
            context.write(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        written.futureResult.whenSuccess {
            handler.value.answerTakenAt = .now()
            transfer.bodyWritten(count)
        }
        context.write(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: written)
    }

    func upstreamTransferWantsRequestBody(_ transfer: UpstreamTransfer) {
        guard let context = self.context, self.exchange?.isClientHeldBack == true else { return }
        self.exchange!.isClientHeldBack = false
        self.readIfWanted(context: context)
    }

    func upstreamTransfer(_ transfer: UpstreamTransfer, didFinishWith error: UpstreamError?) {
        guard let context = self.context, let exchange = self.exchange else { return }
        exchange.transfer = nil
        if let started = exchange.upstreamStartedAt, let metrics = self.proxy.metrics {
            let elapsed = NIODeadline.now() - started
            metrics.recordUpstream(product: exchange.route.product, duration: .nanoseconds(elapsed.nanoseconds))
        }
        // curl's low-speed check runs on while its upload waits for the client: a timeout then is the client's
        // stalled body, not the upstream's silence, and no mark against the upstream's breaker.
        if case .timedOut? = error, exchange.answer == .waiting, exchange.awaitsClientBody {
            self.answer(with: Self.requestBodyStalled, context: context)
            return
        }
        switch error {
        case nil where exchange.status > 0, .failed?:
            exchange.settings.breakers?.record(
                exchange.upstreamHost, reached: true, at: WallClock.nanosecondsSinceEpoch())
        case .unreachable?, .timedOut?:
            exchange.settings.breakers?.record(
                exchange.upstreamHost, reached: false, at: WallClock.nanosecondsSinceEpoch())
        case nil, .cancelled?:
            break
        }
        switch (error, exchange.answer) {
        case (nil, _):
            self.endAnswer(context: context)
        case (let error?, .waiting):
            self.answer(with: Self.problem(for: error), context: context)
        case (let error?, _):
            // The head is out: the client can only learn of the failure from the closed connection.
            self.proxy.logger.warning(
                "upstream failed mid-answer",
                metadata: ["request_id": "\(exchange.requestID)", "error": "\(error)"]
            )
            self.closeAmidAnswer(exchange, context: context)
        }
    }

    func upstreamTransferDidDeliverBatch(_ transfer: UpstreamTransfer) {
        self.context?.flush()
    }

    // MARK: Answers

    private static func problem(for error: UpstreamError) -> ProblemResponse {
        switch error {
        case .timedOut(let reason): return .gatewayTimeout("The upstream did not answer in time (\(reason)).")
        case .unreachable(let reason): return .badGateway("The upstream could not be reached (\(reason)).")
        case .failed(let reason): return .badGateway("The upstream transfer failed (\(reason)).")
        case .cancelled: return .badGateway("The upstream transfer was cancelled.")
        }
    }

    /// Answers from the proxy itself. The request body, if any is still coming, is not read any further:
    /// the connection closes after the answer.
    private func answer(with problem: ProblemResponse, context: ChannelHandlerContext) {
        guard let exchange = self.exchange else { return }
        let body = problem.body
        if exchange.requestBody == .streaming { exchange.keepAlive = false }
        exchange.status = Int(problem.status.code)
        exchange.answer = .streaming
        exchange.bytesOut = Int64(body.readableBytes)
        var head = problem.head(keepAlive: exchange.keepAlive)
        exchange.limiting?.add(to: &head.headers)
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        if exchange.method != .HEAD { context.write(self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        self.endAnswer(context: context)
    }

    private func endAnswer(context: ChannelHandlerContext) {
        guard let exchange = self.exchange else { return }
        exchange.answer = .done
        // A body still arriving after the answer cannot be skipped safely on this connection.
        let keepAlive = exchange.keepAlive && exchange.requestBody == .complete && !self.isDraining
        self.logExchange()
        self.exchange = nil
        if keepAlive {
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            self.handlePipelined(context: context)
        } else {
            self.pipelined.removeAll()
            let channel = context.channel
            context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// Takes up the requests that arrived while the last one was being answered, in order, until one of them is
    /// in progress again; then reads on if nothing is left waiting.
    private func handlePipelined(context: ChannelHandlerContext) {
        guard !self.isProcessingPipelined else { return }
        self.isProcessingPipelined = true
        defer { self.isProcessingPipelined = false }
        while let event = self.pipelined.first {
            if case .part(.head) = event, self.exchange != nil { break }
            self.pipelined.removeFirst()
            switch event {
            case .part(let part): self.handle(part, context: context)
            case .parserError(let error):
                self.pipelined.removeAll()
                self.refuse(error, context: context)
                return
            }
        }
        self.startPendingTransfer()
        self.readIfWanted(context: context)
    }

    private func logExchange() {
        guard let exchange = self.exchange else { return }
        self.context?.triggerUserOutboundEvent(RequestHeadTimeoutHandler.Event.exchangeFinished, promise: nil)
        let digest = (200..<300).contains(exchange.status) || exchange.status == 304 ? exchange.digest?.finish() : nil
        exchange.digest = nil
        self.proxy.metrics?.count(product: exchange.route.product, decision: exchange.decision)
        if let ledger = self.proxy.ledger {
            ledger.count(
                exchange.decision, for: exchange.party.supplier, product: exchange.route.product,
                at: exchange.startedAtWallClock)
            // Requests without a verified token share one name: their reads are no one supplier's polling.
            if exchange.decision == .allowed || exchange.decision == .shadow, !exchange.party.isAnonymous {
                ledger.observe(
                    ObservedAnswer(
                        time: exchange.startedAtWallClock, supplier: exchange.party.supplier,
                        customer: exchange.party.customer, method: exchange.method.rawValue,
                        host: exchange.upstreamHost, target: exchange.target, route: exchange.route,
                        status: exchange.status, responseDigest: digest, isBrowserLike: exchange.isBrowserLike))
            }
        }
        guard let writer = self.proxy.accessLog else { return }
        let elapsed = NIODeadline.now() - exchange.startedAt
        writer.log(
            AccessLogRecord(
                time: exchange.startedAtWallClock,
                requestID: exchange.requestID,
                supplier: exchange.party.supplier,
                customer: exchange.party.customer,
                clientID: exchange.party.clientID,
                method: exchange.method.rawValue,
                host: exchange.upstreamHost,
                path: exchange.target,
                product: exchange.route.product,
                route: exchange.route.name,
                status: exchange.status,
                decision: exchange.decision,
                rule: exchange.rule,
                bytesIn: exchange.bytesIn,
                bytesOut: exchange.bytesOut,
                durationMilliseconds: Double(elapsed.nanoseconds) / 1_000_000,
                responseDigest: digest,
                isBrowserLike: exchange.isBrowserLike
            )
        )
    }
}
