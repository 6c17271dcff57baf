import CCurlShim
import NIOCore
import Synchronization

/// One request forwarded upstream: the meeting point of the client's event loop and the engine thread.
///
/// Event-loop side: `bodyWritten`, `appendRequestBody`, `finishRequestBody`, `cancel`, and the delegate's
/// callbacks. Engine side: the curl callbacks. What both touch lives in `shared`, behind one lock that is
/// never held while calling into curl or the delegate. Events for the event loop gather in an outbox; the
/// engine hands every outbox that filled during one turn of its loop to the event loop in one `execute`, so
/// a small answer — head, body and end from one socket read — costs one hop shared with its neighbours, and
/// body chunks coalesce while the event loop is busy.
public final class UpstreamTransfer: @unchecked Sendable {
    enum Event {
        case head(UpstreamResponseHead)
        case body(ByteBuffer)
        case wantsRequestBody
        case end(UpstreamError?)
    }

    struct Shared {
        var answer: AnswerFlow
        var requestBody: RequestBodyFlow
        var outbox: [Event] = []
        var isCancelled = false
    }

    public let request: UpstreamRequest
    public let eventLoop: any EventLoop
    let engine: UpstreamEngine
    let shared: Mutex<Shared>
    /// Event-loop only; dropped after the last event or on cancel, which breaks the delegate ↔ transfer cycle.
    private var delegate: (any UpstreamTransferDelegate)?

    // Engine thread only.
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var headParser = ResponseHeadParser()
    var headDelivered = false
    /// Why the answer head was refused, which made curl abort the transfer: the reason the client's 502 gives.
    var headRejection: ResponseHeadParser.Malformation?
    var bodyBytesReceived: Int64 = 0
    /// Counts what the upstream did: header lines read, body chunks taken, request body pieces sent. The engine's
    /// idle sweep compares it from one round to the next.
    var progress: UInt64 = 0
    var progressAtLastSweep: UInt64 = 0
    /// Sweep rounds in a row without progress.
    var idleSweeps = 0
    private let allocator = ByteBufferAllocator()

    init(
        request: UpstreamRequest,
        engine: UpstreamEngine,
        eventLoop: any EventLoop,
        delegate: any UpstreamTransferDelegate,
        answerFlow: AnswerFlow,
        requestBodyFlow: RequestBodyFlow
    ) {
        self.request = request
        self.engine = engine
        self.eventLoop = eventLoop
        self.delegate = delegate
        self.shared = Mutex(Shared(answer: answerFlow, requestBody: requestBodyFlow))
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
    }

    // MARK: Event-loop side

    /// Hands a transfer made by `UpstreamEngine.makeTransfer` to the engine. Call it once.
    public func start() {
        self.engine.submit(.start(self))
    }

    /// The client's socket took `count` answer bytes.
    public func bodyWritten(_ count: Int) {
        let action = self.shared.withLock { $0.answer.written(count) }
        if action == .resume { self.engine.submit(.resume(self)) }
    }

    /// Hands a piece of the client's request body to curl. Returns whether to read more from the client now;
    /// when it says no, `upstreamTransferWantsRequestBody` follows once curl has drained the buffer.
    public func appendRequestBody(_ chunk: ByteBuffer) -> Bool {
        let (action, wantsMore) = self.shared.withLock { shared in
            (shared.requestBody.append(chunk), shared.requestBody.wantsMoreFromClient())
        }
        if action == .resumeUpstream { self.engine.submit(.resume(self)) }
        return wantsMore
    }

    public func finishRequestBody() {
        let action = self.shared.withLock { $0.requestBody.finish() }
        if action == .resumeUpstream { self.engine.submit(.resume(self)) }
    }

    /// Stops the transfer: no delegate callback follows, and the engine drops the upstream request.
    public func cancel() {
        self.eventLoop.assertInEventLoop()
        self.delegate = nil
        let alreadyCancelled = self.shared.withLock { shared in
            defer { shared.isCancelled = true; shared.outbox.removeAll() }
            return shared.isCancelled
        }
        if !alreadyCancelled { self.engine.submit(.cancel(self)) }
    }

    /// Event-loop side, during a delivery: the transfer's end is in the batch being delivered, so the upstream
    /// has sent everything and no flow control is needed for its body (no `bodyWritten` report).
    public private(set) var isFinishedInThisBatch = false

    func deliverOutbox() {
        let events = self.shared.withLock { shared in
            defer { shared.outbox.removeAll(keepingCapacity: true) }
            return shared.outbox
        }
        if case .end = events.last { self.isFinishedInThisBatch = true }
        guard let batchDelegate = self.delegate else { return }
        defer { batchDelegate.upstreamTransferDidDeliverBatch(self) }
        // A transfer that failed before any of its answer reached the client: the end alone, so the client gets a
        // 502 or 504 rather than a head that a closed connection cuts short.
        if case .end(let error?) = events.last, events.contains(where: { if case .head = $0 { true } else { false } }) {
            self.delegate = nil
            batchDelegate.upstreamTransfer(self, didFinishWith: error)
            return
        }
        for event in events {
            guard let delegate = self.delegate else { return }
            switch event {
            case .head(let head): delegate.upstreamTransfer(self, didReceiveHead: head)
            case .body(let buffer): delegate.upstreamTransfer(self, didReceiveBody: buffer)
            case .wantsRequestBody: delegate.upstreamTransferWantsRequestBody(self)
            case .end(let error):
                self.delegate = nil
                delegate.upstreamTransfer(self, didFinishWith: error)
            }
        }
    }

    // MARK: Engine side

    /// Queues an event; the first one into an empty outbox has the engine schedule its delivery.
    private func post(_ event: Event, _ shared: inout Shared) {
        guard !shared.isCancelled else { return }
        let wasEmpty = shared.outbox.isEmpty
        shared.outbox.append(event)
        if wasEmpty { self.engine.scheduleDelivery(of: self) }
    }

    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Bool {
        self.progress &+= 1
        switch self.headParser.parse(line: line) {
        case .needMore:
            return true
        case .malformed(let reason):
            self.headRejection = reason
            return false
        case .complete(let status):
            let head = UpstreamResponseHead(status: status, headers: self.headParser.headers)
            self.headDelivered = true
            self.shared.withLock { self.post(.head(head), &$0) }
            return true
        }
    }

    /// curl's write callback: returns `true` when the chunk was taken, `false` to pause.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        self.shared.withLock { shared in
            guard !shared.isCancelled else { return true }
            guard shared.answer.receive(bytes.count) == .accept else { return false }
            self.bodyBytesReceived += Int64(bytes.count)
            self.progress &+= 1
            // Coalesce into the undelivered chunk; taking it out of the outbox first keeps the append copy-free.
            if case .body = shared.outbox.last, case .body(var buffer) = shared.outbox.removeLast() {
                buffer.writeBytes(bytes)
                shared.outbox.append(.body(buffer))
            } else {
                var buffer = self.allocator.buffer(capacity: max(bytes.count, 16 * 1024))
                buffer.writeBytes(bytes)
                self.post(.body(buffer), &shared)
            }
            return true
        }
    }

    /// curl's read callback.
    func sendRequestBody(into destination: UnsafeMutableRawBufferPointer) -> RequestBodyFlow.ReadResult {
        self.shared.withLock { shared in
            let (result, clientShouldRead) = shared.requestBody.read(into: destination)
            if clientShouldRead { self.post(.wantsRequestBody, &shared) }
            if case .bytes = result { self.progress &+= 1 }
            return result
        }
    }

    /// Whether curl is paused for the client's sake (answer bytes not yet taken, request body not yet sent):
    /// then a quiet upstream is not the upstream's fault.
    var isWaitingForClient: Bool {
        self.shared.withLock { $0.answer.isPaused || $0.requestBody.isUpstreamPaused }
    }

    func finish(_ error: UpstreamError?) {
        self.shared.withLock { self.post(.end(error), &$0) }
    }
}
