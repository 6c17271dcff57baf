import Logging
import NIOCore
import NIOPosix
import PortvaktAccessLog
import PortvaktConfig
import PortvaktCore
import PortvaktIdentity
import PortvaktUpstream

/// Everything `portvakt serve` runs, assembled from one config: the curl engine, the event loops, the access
/// log writer, the proxy listener and the admin listener. `shutdown` takes them down in the safe order.
public final class PortvaktService: Sendable {
    public let proxy: ProxyServer
    public let admin: AdminServer
    /// One curl engine per event loop.
    public let engines: [UpstreamEngine]
    public let accessLog: AccessLogWriter?
    private let group: MultiThreadedEventLoopGroup

    private init(
        proxy: ProxyServer,
        admin: AdminServer,
        engines: [UpstreamEngine],
        accessLog: AccessLogWriter?,
        group: MultiThreadedEventLoopGroup
    ) {
        self.proxy = proxy
        self.admin = admin
        self.engines = engines
        self.accessLog = accessLog
        self.group = group
    }

    /// Buckets kept before full ones are forgotten (about 11 MiB, allocated at start); the table grows past it
    /// only while no bucket is full, so a larger live population is still limited exactly.
    static let limiterCapacity = 1 << 18

    public static func start(
        _ configuration: PortvaktConfiguration,
        logger: Logger
    ) async throws -> PortvaktService {
        let upstreams = try UpstreamMap(
            platform: configuration.upstreams.platform,
            apps: configuration.upstreams.apps
        )
        let identity = try IdentityPolicy(configuration)
        let ladder = SanctionLadder(configuration: configuration.sanctions)
        let ledger = SupplierLedger(ladder: ladder, polling: PollingThresholds(configuration: configuration.polling))
        let adminToken = try Self.adminToken(configuration.admin.token)
        let accessLog =
            try configuration.accessLog.enabled
            ? AccessLogWriter(
                path: configuration.accessLog.path, scrubber: IdentityNumberScrubber(identity.verifier.pseudonymizer))
            : nil
        let threads = configuration.server.threads == 0 ? System.coreCount : configuration.server.threads
        let engineConfiguration = UpstreamEngine.Configuration(
            connectTimeout: configuration.upstreams.connectTimeout,
            readTimeout: configuration.upstreams.readTimeout,
            maxIdleConnections: configuration.upstreams.maxConnectionsPerHost
        )
        let engines = try (0..<threads).map { _ in try UpstreamEngine(configuration: engineConfiguration) }
        engines.forEach { $0.start() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        do {
            let admin = try await AdminServer.start(
                host: configuration.admin.listen.host,
                port: configuration.admin.listen.port,
                api: AdminAPI(token: adminToken, ledger: ledger),
                group: group
            )
            let proxy = try await ProxyServer.start(
                configuration: .init(
                    host: configuration.listen.host,
                    port: configuration.listen.port,
                    upstreams: upstreams,
                    accessLog: accessLog,
                    limiter: RateLimitRuleSet(configuration: configuration.limits).map {
                        RateLimiter(
                            rules: $0, capacity: Self.limiterCapacity,
                            throttleFactor: ladder.step(for: .throttle)?.factor
                                ?? PortvaktConfiguration.Sanctions.defaultFactor)
                    },
                    identity: identity,
                    ledger: configuration.sanctions.enabled ? ledger : nil,
                    maxHeaderBytes: configuration.server.maxHeaderBytes,
                    idleTimeout: configuration.server.idleTimeout,
                    drainTimeout: configuration.server.drainTimeout
                ),
                engines: engines,
                group: group,
                logger: logger
            )
            return PortvaktService(proxy: proxy, admin: admin, engines: engines, accessLog: accessLog, group: group)
        } catch {
            engines.forEach { $0.shutdown() }
            accessLog?.close()
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The admin bearer token: inline, or the first line of its file.
    private static func adminToken(_ token: PortvaktConfiguration.Admin.Token) throws -> String {
        switch token {
        case .inline(let value): return value
        case .file(let path):
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return String(text.prefix { $0 != "\n" && $0 != "\r" })
        }
    }

    /// Drains the proxy (requests in flight finish), then stops the engine, the admin listener, the log and the loops.
    public func shutdown() async {
        await self.proxy.drain()
        await self.admin.close()
        self.engines.forEach { $0.shutdown() }
        self.accessLog?.close()
        try? await self.group.shutdownGracefully()
    }
}
