import CCurlShim
import Glibc
import NIOCore
import PortvaktThreads
import Synchronization

/// The curl engine: one thread that owns a curl multi handle and drives it with its own epoll loop through
/// the multi socket API (`curl_multi_socket_action`), so each wake-up costs O(ready sockets), not O(transfers).
///
/// NIO cannot watch descriptors it does not own, so curl runs here rather than on an event loop. Event loops
/// talk to the engine only through `submit`: commands go into a queue, and an eventfd wakes the loop when the
/// queue goes from empty to non-empty — one write per batch, not per command. Only this thread calls curl.
public final class UpstreamEngine: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Longest wait for a TCP (and TLS) connection.
        public var connectTimeout: Duration
        /// Longest wait for the answer head, or between two body bytes while the client keeps up.
        public var readTimeout: Duration
        /// Idle upstream connections kept for reuse.
        public var maxIdleConnections: Int
        /// An extra CA bundle for upstream TLS, besides the system store.
        public var caFile: String?

        public init(
            connectTimeout: Duration = .seconds(5),
            readTimeout: Duration = .seconds(30),
            maxIdleConnections: Int = 64,
            caFile: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.maxIdleConnections = maxIdleConnections
            self.caFile = caFile
        }
    }

    enum Command {
        case start(UpstreamTransfer)
        case resume(UpstreamTransfer)
        case cancel(UpstreamTransfer)
        case stop
    }

    public let configuration: Configuration
    private let commands = Mutex<[Command]>([])
    private let epollDescriptor: Int32
    private let wakeDescriptor: Int32
    private let threadState = Mutex<pthread_t?>(nil)
    private let activeCount = Atomic<Int>(0)

    /// Transfers in progress: started and not yet finished or cancelled.
    public var activeTransferCount: Int { self.activeCount.load(ordering: .relaxed) }

    /// The idle sweep: every `idleSweepInterval` (a quarter of `readTimeout`, at most 250 ms), a transfer that
    /// has heard from the upstream but made no progress for `idleSweepsAllowed` rounds in a row times out, and
    /// so does one that has heard nothing at all for `idleSweepsBeforeFirstByte` rounds (`connectTimeout`
    /// plus `readTimeout`): curl's low-speed check should have ended it sooner, and this bounds it when curl's
    /// check falls behind on a starved machine.
    private let idleSweepInterval: UInt64
    private let idleSweepsAllowed: Int
    private let idleSweepsBeforeFirstByte: Int

    // Engine thread only.
    private let multi: UnsafeMutableRawPointer
    private var timerDeadline: UInt64?
    private var nextIdleSweep: UInt64 = 0
    private var spareHandles: [UnsafeMutableRawPointer] = []
    private var activeTransfers: [ObjectIdentifier: UpstreamTransfer] = [:]
    private var pendingCommands: [Command] = []
    /// The sockets in the epoll set, and whether curl still wants to hear about them.
    private var sockets: [Int32: SocketRegistration] = [:]
    /// Transfers whose outbox filled during this turn of the loop, grouped by their event loop.
    private var deliveries: [(eventLoop: any EventLoop, transfers: [UpstreamTransfer])] = []

    public init(configuration: Configuration = Configuration()) throws {
        Self.initialiseCurlOnce
        guard let multi = curl_multi_init() else { throw UpstreamEngineError("curl_multi_init failed") }
        let epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollDescriptor >= 0 else { throw UpstreamEngineError("epoll_create1 failed: errno \(errno)") }
        let wakeDescriptor = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wakeDescriptor >= 0 else { throw UpstreamEngineError("eventfd failed: errno \(errno)") }
        self.configuration = configuration
        let readTimeout = max(Self.nanoseconds(configuration.readTimeout), 1)
        self.idleSweepInterval = min(max(readTimeout / 4, 10_000_000), 250_000_000)
        self.idleSweepsAllowed = Int((readTimeout + self.idleSweepInterval - 1) / self.idleSweepInterval)
        let beforeFirstByte = readTimeout + max(Self.nanoseconds(configuration.connectTimeout), 0)
        self.idleSweepsBeforeFirstByte = Int((beforeFirstByte + self.idleSweepInterval - 1) / self.idleSweepInterval)
        self.multi = multi
        self.epollDescriptor = epollDescriptor
        self.wakeDescriptor = wakeDescriptor

        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeDescriptor
        epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, wakeDescriptor, &event)

        let context = Unmanaged.passUnretained(self).toOpaque()
        pv_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        pv_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
        pv_multi_setopt_socket_callback(multi, engineSocketCallback)
        pv_multi_setopt_timer_callback(multi, engineTimerCallback)
        pv_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxIdleConnections)
    }

    deinit {
        for handle in self.spareHandles { curl_easy_cleanup(handle) }
        curl_multi_cleanup(self.multi)
        close(self.epollDescriptor)
        close(self.wakeDescriptor)
    }

    /// `curl_global_init` is not thread-safe: run it once, before any engine thread exists.
    private static let initialiseCurlOnce: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Starts the engine thread.
    public func start() {
        self.threadState.withLock { thread in
            precondition(thread == nil, "engine already started")
            var handle = pthread_t()
            let context = Unmanaged.passRetained(self).toOpaque()
            let result = pthread_create(
                &handle, nil,
                { context in
                    let engine = Unmanaged<UpstreamEngine>.fromOpaque(context!).takeRetainedValue()
                    engine.run()
                    return nil
                }, context)
            precondition(result == 0, "pthread_create failed: \(result)")
            thread = handle
        }
    }

    /// Cancels what is still running, stops the thread and waits for it.
    public func shutdown() {
        guard let thread = self.threadState.withLock({ $0.take() }) else { return }
        self.submit(.stop)
        pthread_join(thread, nil)
    }

    /// Prepares forwarding `request`; events arrive on `eventLoop` through `delegate`. Request body may be appended
    /// already, but nothing reaches the upstream before `UpstreamTransfer.start()`; one cancelled before it starts
    /// never does. (The proxy starts a transfer once the whole read that brought its head has been parsed.)
    public func makeTransfer(
        _ request: UpstreamRequest,
        on eventLoop: any EventLoop,
        delegate: any UpstreamTransferDelegate,
        answerFlow: AnswerFlow = AnswerFlow(),
        requestBodyFlow: RequestBodyFlow = RequestBodyFlow()
    ) -> UpstreamTransfer {
        let transfer = UpstreamTransfer(
            request: request,
            engine: self,
            eventLoop: eventLoop,
            delegate: delegate,
            answerFlow: answerFlow,
            requestBodyFlow: requestBodyFlow
        )
        // Built here, on the caller's thread, to keep the engine thread short; freed with the transfer.
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers {
            list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // No `Expect: 100-continue` round trip, and no default `Accept: */*` the client did not send.
        list = curl_slist_append(list, "Expect:")
        if !request.headers.contains(where: { $0.name.lowercased() == "accept" }) {
            list = curl_slist_append(list, "Accept:")
        }
        transfer.headerList = list
        return transfer
    }

    func submit(_ command: Command) {
        let wasEmpty = self.commands.withLock { queue in
            queue.append(command)
            return queue.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = write(self.wakeDescriptor, &one, 8)
        }
    }

    // MARK: - Engine thread

    private func run() {
        nameThisThread("pv-curl-engine")
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var stopping = false
        while !stopping {
            let ready = epoll_wait(self.epollDescriptor, &events, Int32(events.count), self.waitMilliseconds())
            if ready < 0 {
                if errno == EINTR { continue }
                fatalError("epoll_wait failed: errno \(errno)")
            }
            var running: Int32 = 0
            for index in 0..<Int(ready) {
                let event = events[index]
                if event.data.fd == self.wakeDescriptor {
                    var count: UInt64 = 0
                    _ = read(self.wakeDescriptor, &count, 8)
                    stopping = self.runCommands() || stopping
                } else if !self.dropUnwatched(event.data.fd) {
                    var flags: Int32 = 0
                    if event.events & EPOLLIN.rawValue != 0 { flags |= CURL_CSELECT_IN }
                    if event.events & EPOLLOUT.rawValue != 0 { flags |= CURL_CSELECT_OUT }
                    if event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { flags |= CURL_CSELECT_ERR }
                    curl_multi_socket_action(self.multi, event.data.fd, flags, &running)
                }
            }
            if let deadline = self.timerDeadline, deadline <= Self.now() {
                self.timerDeadline = nil
                curl_multi_socket_action(self.multi, CURL_SOCKET_TIMEOUT, 0, &running)
            }
            self.collectFinishedTransfers()
            if !self.activeTransfers.isEmpty {
                let now = Self.now()
                if now >= self.nextIdleSweep {
                    self.sweepIdleTransfers()
                    self.nextIdleSweep = now + self.idleSweepInterval
                }
            }
            self.dispatchDeliveries()
        }
        for transfer in self.activeTransfers.values {
            self.finish(transfer, error: .cancelled)
        }
        self.dispatchDeliveries()
    }

    /// Engine thread: `transfer` has events waiting; they go out at the end of this turn of the loop.
    func scheduleDelivery(of transfer: UpstreamTransfer) {
        if let index = self.deliveries.firstIndex(where: { $0.eventLoop === transfer.eventLoop }) {
            self.deliveries[index].transfers.append(transfer)
        } else {
            self.deliveries.append((transfer.eventLoop, [transfer]))
        }
    }

    /// One `execute` per event loop per turn, however many transfers it serves.
    private func dispatchDeliveries() {
        for (eventLoop, transfers) in self.deliveries {
            eventLoop.execute {
                for transfer in transfers { transfer.deliverOutbox() }
            }
        }
        self.deliveries.removeAll(keepingCapacity: true)
    }

    /// Returns true on `.stop`.
    private func runCommands() -> Bool {
        self.commands.withLock { swap(&$0, &self.pendingCommands) }
        defer { self.pendingCommands.removeAll(keepingCapacity: true) }
        var stop = false
        for command in self.pendingCommands {
            switch command {
            case .start(let transfer): self.begin(transfer)
            case .resume(let transfer):
                if let easy = transfer.easy { curl_easy_pause(easy, CURLPAUSE_CONT) }
            case .cancel(let transfer):
                if transfer.easy != nil { self.finish(transfer, error: .cancelled) }
            case .stop: stop = true
            }
        }
        return stop
    }

    private func begin(_ transfer: UpstreamTransfer) {
        if transfer.shared.withLock({ $0.isCancelled }) { return }
        guard let easy = self.spareHandles.popLast() ?? self.makeEasyHandle() else {
            transfer.finish(.failed("curl_easy_init failed"))
            return
        }
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        pv_easy_setopt_string(easy, CURLOPT_URL, request.url)
        pv_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context)
        pv_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, transfer.headerList)
        pv_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        pv_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        pv_easy_setopt_pointer(easy, CURLOPT_READDATA, context)
        // The handle served other requests before: HTTPGET clears NOBODY and UPLOAD, the rest is set every time.
        pv_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        pv_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, -1)
        switch (request.method, request.body) {
        case ("GET", .none):
            pv_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, nil)
        case ("HEAD", .none):
            pv_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, nil)
            pv_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        case (let method, .none):
            pv_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)
        case (let method, let body):
            pv_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
            pv_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)
            if case .length(let length) = body {
                pv_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(length))
            }
        }

        transfer.easy = easy
        self.activeTransfers[ObjectIdentifier(transfer)] = transfer
        self.activeCount.add(1, ordering: .relaxed)
        let added = curl_multi_add_handle(self.multi, easy)
        if added != CURLM_OK {
            self.finish(
                transfer, error: .failed("curl_multi_add_handle: \(String(cString: curl_multi_strerror(added)))"))
        }
    }

    /// A new easy handle with the options every transfer shares; `begin` sets the per-request ones.
    private func makeEasyHandle() -> UnsafeMutableRawPointer? {
        guard let easy = curl_easy_init() else { return nil }
        let engine = Unmanaged.passUnretained(self).toOpaque()
        pv_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        pv_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        // Forward the path exactly as the client sent it: no dot-segment squashing.
        pv_easy_setopt_long(easy, CURLOPT_PATH_AS_IS, 1)
        pv_easy_setopt_long(easy, CURLOPT_HTTP_CONTENT_DECODING, 0)
        // Never a proxy, and no `http_proxy`/`no_proxy` lookups in the environment on every transfer: with no
        // `NOPROXY` of its own, curl reads `no_proxy` and `NO_PROXY` for each one.
        pv_easy_setopt_string(easy, CURLOPT_PROXY, "")
        pv_easy_setopt_string(easy, CURLOPT_NOPROXY, "")
        pv_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(self.configuration.connectTimeout))
        // "Less than one byte per second for readTimeout" — curl leaves transfers it paused for the client out.
        // curl averages the speed over the last five seconds, so once bytes have flowed it notices a stall up to
        // five seconds late; from then on the idle sweep (`sweepIdleTransfers`) keeps to `readTimeout`.
        pv_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
        pv_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Self.seconds(self.configuration.readTimeout)))
        pv_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, 64 * 1024)
        if let caFile = self.configuration.caFile { pv_easy_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        pv_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, transferHeaderCallback)
        pv_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, transferWriteCallback)
        pv_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION, transferReadCallback)
        pv_easy_setopt_open_socket_callback(easy, engineOpenSocketCallback)
        pv_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, engine)
        pv_easy_setopt_close_socket_callback(easy, engineCloseSocketCallback)
        pv_easy_setopt_pointer(easy, CURLOPT_CLOSESOCKETDATA, engine)
        return easy
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(self.multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = pv_msg_result(message)
            var context: UnsafeMutableRawPointer?
            pv_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
            guard let context else { continue }
            let transfer = Unmanaged<UpstreamTransfer>.fromOpaque(context).takeUnretainedValue()
            let error =
                transfer.headRejection.map { UpstreamError.failed("the upstream's answer head has \($0)") }
                ?? UpstreamError(curlCode: code, headDelivered: transfer.headDelivered)
            self.finish(transfer, error: error)
        }
    }

    /// Takes the transfer out of the multi handle, keeps its easy handle for the next one, and posts the end.
    private func finish(_ transfer: UpstreamTransfer, error: UpstreamError?) {
        guard let easy = transfer.easy else { return }
        curl_multi_remove_handle(self.multi, easy)
        transfer.easy = nil
        self.activeTransfers[ObjectIdentifier(transfer)] = nil
        self.activeCount.subtract(1, ordering: .relaxed)
        if self.spareHandles.count < 256 {
            self.spareHandles.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
        transfer.finish(error)
    }

    /// Times out the transfers whose upstream has gone quiet after it began answering (or taking the request
    /// body) for `readTimeout`: between `readTimeout` and one sweep interval more. Until the first byte, curl's
    /// low-speed check does this, counting from the connection, and the sweep only steps in after
    /// `connectTimeout` plus `readTimeout`. Transfers paused for the client are left alone.
    private func sweepIdleTransfers() {
        for transfer in Array(self.activeTransfers.values) {
            if transfer.progress != transfer.progressAtLastSweep || transfer.isWaitingForClient {
                transfer.progressAtLastSweep = transfer.progress
                transfer.idleSweeps = 0
                continue
            }
            transfer.idleSweeps += 1
            if transfer.progress > 0, transfer.idleSweeps >= self.idleSweepsAllowed {
                self.finish(
                    transfer, error: .timedOut("no data from the upstream for \(self.configuration.readTimeout)"))
            } else if transfer.progress == 0, transfer.idleSweeps >= self.idleSweepsBeforeFirstByte {
                let bound = self.configuration.connectTimeout + self.configuration.readTimeout
                self.finish(transfer, error: .timedOut("no answer from the upstream within \(bound)"))
            }
        }
    }

    // MARK: curl's socket and timer callbacks

    /// curl says which sockets to watch. A socket curl stops watching stays registered: it is almost always a
    /// pooled connection that the next request reuses at once, so leaving it saves two `epoll_ctl` calls per
    /// request. Should it wake the loop while curl is not watching it, it is removed then (`dropUnwatched`);
    /// when curl closes it, `socketClosed` forgets it (closing removes it from the epoll set).
    func watch(socket: curl_socket_t, what: Int32) {
        guard what != CURL_POLL_REMOVE else {
            self.sockets[socket]?.isWatchedByCurl = false
            return
        }
        var events: UInt32 = 0
        if what & CURL_POLL_IN != 0 { events |= EPOLLIN.rawValue }
        if what & CURL_POLL_OUT != 0 { events |= EPOLLOUT.rawValue }
        let registered = self.sockets[socket]?.events
        self.sockets[socket] = SocketRegistration(events: events, isWatchedByCurl: true)
        guard registered != events else { return }
        var event = epoll_event()
        event.events = events
        event.data.fd = socket
        epoll_ctl(self.epollDescriptor, registered == nil ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, socket, &event)
    }

    /// An event on a socket curl is not watching: take it out of the epoll set until curl asks again.
    private func dropUnwatched(_ socket: Int32) -> Bool {
        guard let registration = self.sockets[socket], !registration.isWatchedByCurl else { return false }
        epoll_ctl(self.epollDescriptor, EPOLL_CTL_DEL, socket, nil)
        self.sockets[socket] = nil
        return true
    }

    func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let socket = Glibc.socket(
            address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
        guard socket >= 0 else { return CURL_SOCKET_BAD }
        // Whatever had this number before is closed: forget its registration.
        self.sockets[socket] = nil
        return socket
    }

    func socketClosed(_ socket: curl_socket_t) {
        self.sockets[socket] = nil
        close(socket)
    }

    func setTimer(milliseconds: Int) {
        self.timerDeadline = milliseconds < 0 ? nil : Self.now() + UInt64(milliseconds) * 1_000_000
    }

    private func waitMilliseconds() -> Int32 {
        var deadline = self.timerDeadline
        if !self.activeTransfers.isEmpty { deadline = min(deadline ?? .max, self.nextIdleSweep) }
        guard let deadline else { return -1 }
        let now = Self.now()
        guard deadline > now else { return 0 }
        return Int32(min((deadline - now + 999_999) / 1_000_000, 60_000))
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }

    private static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}

struct SocketRegistration {
    var events: UInt32
    var isWatchedByCurl: Bool
}

public struct UpstreamEngineError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
