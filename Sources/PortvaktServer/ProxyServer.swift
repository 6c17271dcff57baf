import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import PortvaktAccessLog
import PortvaktCore
import PortvaktIdentity
import PortvaktUpstream
import Synchronization

/// The proxy listener: HTTP/1.1 with keep-alive and pipelining, reads on demand (`autoRead` off), one
/// `ProxyHandler` per connection. Stops gracefully: no new connections, requests in flight finish.
public final class ProxyServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var catalogue: RouteCatalogue
        public var upstreams: UpstreamMap
        public var accessLog: AccessLogWriter?
        /// The limits every request is checked against; nil limits nothing.
        public var limiter: RateLimiter?
        /// Where the limiter's buckets are shared with other instances; nil keeps them in this process.
        public var sharedLimits: SharedLimits?
        /// How bearer tokens are verified; nil takes every request as anonymous.
        public var identity: IdentityPolicy?
        /// Each supplier's counts and sanction; nil applies no sanctions.
        public var ledger: SupplierLedger?
        /// The largest request header section (all field names and values) accepted; a larger one gets 431.
        public var maxHeaderBytes: Int
        /// From a request's first byte, how long its head may take to arrive (then 408 and the connection closes).
        public var headerTimeout: Duration
        /// Client connections open at once; one more is closed at once.
        public var maxConnections: Int
        /// Most header fields a request may have (431 beyond), and the longest request target (414 beyond).
        public var maxHeaders: Int
        public var maxURIBytes: Int
        /// A connection with no request in progress is closed after this long without reading anything.
        public var idleTimeout: Duration
        /// How long a drain waits for requests in flight before it closes their connections.
        public var drainTimeout: Duration
        /// Planned windows in which a product is answered 503 without going upstream.
        public var maintenance: MaintenanceSchedule
        /// Fail fast for upstream hosts that keep failing; nil never does.
        public var breakers: CircuitBreakers?
        /// Where requests are counted for `/metrics`; nil counts nothing.
        public var metrics: ProxyMetrics?
        /// TLS on the listener; nil serves plain HTTP.
        public var tls: NIOSSLContext?

        public init(
            host: String,
            port: Int,
            catalogue: RouteCatalogue = .standard,
            upstreams: UpstreamMap,
            accessLog: AccessLogWriter? = nil,
            limiter: RateLimiter? = nil,
            sharedLimits: SharedLimits? = nil,
            identity: IdentityPolicy? = nil,
            ledger: SupplierLedger? = nil,
            maxHeaderBytes: Int = 32 << 10,
            maxHeaders: Int = 100,
            maxURIBytes: Int = 8 << 10,
            headerTimeout: Duration = .seconds(10),
            maxConnections: Int = 10_000,
            idleTimeout: Duration = .seconds(60),
            drainTimeout: Duration = .seconds(30),
            maintenance: MaintenanceSchedule = MaintenanceSchedule(),
            breakers: CircuitBreakers? = nil,
            metrics: ProxyMetrics? = nil,
            tls: NIOSSLContext? = nil
        ) {
            self.host = host
            self.port = port
            self.catalogue = catalogue
            self.upstreams = upstreams
            self.accessLog = accessLog
            self.limiter = limiter
            self.sharedLimits = sharedLimits
            self.identity = identity
            self.ledger = ledger
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaders = maxHeaders
            self.maxURIBytes = maxURIBytes
            self.headerTimeout = headerTimeout
            self.maxConnections = maxConnections
            self.idleTimeout = idleTimeout
            self.drainTimeout = drainTimeout
            self.maintenance = maintenance
            self.breakers = breakers
            self.metrics = metrics
            self.tls = tls
        }
    }

    private let serverChannel: any Channel
    private let connections: ConnectionRegistry
    private let drainTimeout: Duration
    /// The settings in force, and each event loop's copy of them (with its token authenticator).
    private let settings: Mutex<ProxySettings>
    private let loops: [ObjectIdentifier: NIOLoopBoundBox<LoopSettings>]
    private let group: any EventLoopGroup

    /// The bound address (the port is the real one when 0 was asked for).
    public var localAddress: SocketAddress? { self.serverChannel.localAddress }
    public var port: Int { self.serverChannel.localAddress?.port ?? 0 }
    /// Client connections open now.
    public var openConnections: Int { self.connections.count }

    /// The limits in force (a reload may have changed them since start).
    public var limiter: RateLimiter? { self.settings.withLock { $0.limiter } }
    /// The shared limits in force.
    public var sharedLimits: SharedLimits? { self.settings.withLock { $0.sharedLimits } }
    /// The circuit breakers in force, kept by a reload that leaves their settings alone.
    public var breakers: CircuitBreakers? { self.settings.withLock { $0.breakers } }

    private init(
        serverChannel: any Channel, connections: ConnectionRegistry, drainTimeout: Duration, settings: ProxySettings,
        loops: [ObjectIdentifier: NIOLoopBoundBox<LoopSettings>], group: any EventLoopGroup
    ) {
        self.serverChannel = serverChannel
        self.connections = connections
        self.drainTimeout = drainTimeout
        self.settings = Mutex(settings)
        self.loops = loops
        self.group = group
    }

    /// Puts what a reload may change in force: the upstreams, limits, identity, maintenance, breakers, request
    /// limits, timeouts and TLS of `configuration` (its address, log, ledger and drain timeout are the
    /// listener's for life). Returns once every event loop has it: from then on every new request uses it,
    /// while requests already in flight finish under the settings they began with.
    public func apply(_ configuration: Configuration) async {
        let settings = ProxySettings(configuration)
        self.settings.withLock { $0 = settings }
        for eventLoop in self.group.makeIterator() {
            guard let loop = self.loops[ObjectIdentifier(eventLoop)] else { continue }
            try? await eventLoop.submit { loop.value = LoopSettings(settings) }.get()
        }
    }

    public static func start(
        configuration: Configuration,
        engine: UpstreamEngine,
        group: any EventLoopGroup,
        logger: Logger
    ) async throws -> ProxyServer {
        try await Self.start(configuration: configuration, engines: [engine], group: group, logger: logger)
    }

    /// Starts the listener; the group's event loops take the engines in turn (loop i forwards through engine
    /// i mod count), so with one engine per loop each loop's curl work runs on a thread of its own.
    public static func start(
        configuration: Configuration,
        engines: [UpstreamEngine],
        group: any EventLoopGroup,
        logger: Logger
    ) async throws -> ProxyServer {
        precondition(!engines.isEmpty, "at least one engine")
        let settings = ProxySettings(configuration)
        var engineByLoop: [ObjectIdentifier: UpstreamEngine] = [:]
        var loops: [ObjectIdentifier: NIOLoopBoundBox<LoopSettings>] = [:]
        for (index, eventLoop) in group.makeIterator().enumerated() {
            engineByLoop[ObjectIdentifier(eventLoop)] = engines[index % engines.count]
            loops[ObjectIdentifier(eventLoop)] = .makeBoxSendingValue(LoopSettings(settings), eventLoop: eventLoop)
        }
        let proxy = ProxyContext(
            catalogue: configuration.catalogue,
            engines: engineByLoop,
            fallbackEngine: engines[0],
            accessLog: configuration.accessLog,
            ledger: configuration.ledger,
            metrics: configuration.metrics,
            logger: logger
        )
        let connections = ConnectionRegistry()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelInitializer { [loops] channel in
                // Called on the connection's own event loop, whose settings box it may read.
                let loop = loops[ObjectIdentifier(channel.eventLoop)]!
                let settings = loop.value.settings
                // Over the cap, or accepted as the drain began: closed before anything is read.
                guard connections.add(channel, below: settings.maxConnections) else { return channel.close() }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls = settings.tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        RequestHeadTimeoutHandler(timeout: .nanoseconds(settings.headerTimeout.nanoseconds)))
                    // Parser errors are answered by `ProxyHandler` (problem+json, 431 for oversized headers), and so is
                    // pipelining: NIO's pipelining handler would hold back reads while an answer is pending, which
                    // costs two epoll re-registrations per request and leaves a client that goes away unnoticed.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: false,
                        withErrorHandling: false,
                        withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: settings.decoderLimits
                    )
                    try channel.pipeline.syncOperations.addHandler(
                        IdleStateHandler(readTimeout: .nanoseconds(settings.idleTimeout.nanoseconds)))
                    try channel.pipeline.syncOperations.addHandler(ProxyHandler(proxy: proxy, loop: loop))
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
        return ProxyServer(
            serverChannel: channel, connections: connections, drainTimeout: configuration.drainTimeout,
            settings: settings, loops: loops, group: group)
    }

    /// Stops accepting, lets every request in flight finish (up to the drain timeout), then closes what is left.
    public func drain() async {
        try? await self.serverChannel.close()
        for channel in self.connections.closeToNewOnes() {
            channel.pipeline.fireUserInboundEventTriggered(ProxyHandler.Drain())
        }
        let deadline = ContinuousClock.now + self.drainTimeout
        while !self.connections.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for channel in self.connections.all { try? await channel.close() }
    }
}

/// The open client connections, so that a drain can reach each of them: once it has begun, no connection is
/// added (one accepted at that moment would otherwise never hear of the drain).
final class ConnectionRegistry: Sendable {
    private let state = Mutex((channels: [ObjectIdentifier: any Channel](), isClosed: false))

    /// Adds `channel` unless `limit` connections are open or the registry is closed; false then.
    func add(_ channel: any Channel, below limit: Int) -> Bool {
        let key = ObjectIdentifier(channel)
        let added = self.state.withLock { state in
            guard !state.isClosed, state.channels.count < limit else { return false }
            state.channels[key] = channel
            return true
        }
        if added {
            channel.closeFuture.whenComplete { _ in self.state.withLock { _ = $0.channels.removeValue(forKey: key) } }
        }
        return added
    }

    /// Takes no more connections; returns those open now.
    func closeToNewOnes() -> [any Channel] {
        self.state.withLock { state in
            state.isClosed = true
            return Array(state.channels.values)
        }
    }

    var all: [any Channel] { self.state.withLock { Array($0.channels.values) } }
    var isEmpty: Bool { self.state.withLock { $0.channels.isEmpty } }
    var count: Int { self.state.withLock { $0.channels.count } }
}
