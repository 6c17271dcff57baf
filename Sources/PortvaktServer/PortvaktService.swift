import Logging
import NIOCore
import NIOPosix
import PortvaktAccessLog
import PortvaktCluster
import PortvaktConfig
import PortvaktCore
import PortvaktIdentity
import PortvaktStore
import PortvaktUpstream
import Synchronization

/// Everything `portvakt serve` runs, assembled from one config: the durable state, the curl engine, the event
/// loops, the access log writer, the proxy listener and the admin listener (on a loop of its own: an admin
/// call waits for its sanction to be committed, and the proxy must never wait with it). `shutdown` takes them
/// down in the safe order; `reload` puts a changed config in force without dropping a connection.
public final class PortvaktService: Sendable {
    public let proxy: ProxyServer
    public let admin: AdminServer
    /// One curl engine per event loop.
    public let engines: [UpstreamEngine]
    public let accessLog: AccessLogWriter?
    /// Nil when the state file could not be opened: the proxy then serves without durable state.
    public let store: StateStore?
    public let ledger: SupplierLedger
    public let metrics: ProxyMetrics
    /// With `cluster`: the clients of the Redis that holds the shared buckets and ladders.
    private let sharedBuckets: SharedBuckets?
    private let sharedLadders: SharedLadders?
    private let sharedEvidence: SharedEvidence?
    /// The config in force: the last file loaded, with the keys only a restart changes kept from the start.
    /// Reloads are not meant to overlap: `serve` runs them one after another.
    private let configuration: Mutex<PortvaktConfiguration>
    private let group: MultiThreadedEventLoopGroup
    private let adminGroup: MultiThreadedEventLoopGroup

    private init(
        proxy: ProxyServer,
        admin: AdminServer,
        engines: [UpstreamEngine],
        accessLog: AccessLogWriter?,
        store: StateStore?,
        ledger: SupplierLedger,
        metrics: ProxyMetrics,
        sharedBuckets: SharedBuckets?,
        sharedLadders: SharedLadders?,
        sharedEvidence: SharedEvidence?,
        configuration: PortvaktConfiguration,
        group: MultiThreadedEventLoopGroup,
        adminGroup: MultiThreadedEventLoopGroup
    ) {
        self.proxy = proxy
        self.admin = admin
        self.engines = engines
        self.accessLog = accessLog
        self.store = store
        self.ledger = ledger
        self.metrics = metrics
        self.sharedBuckets = sharedBuckets
        self.sharedLadders = sharedLadders
        self.sharedEvidence = sharedEvidence
        self.configuration = Mutex(configuration)
        self.group = group
        self.adminGroup = adminGroup
    }

    /// Buckets kept before full ones are forgotten (about 11 MiB, allocated at start); the table grows past it
    /// only while no bucket is full, so a larger live population is still limited exactly.
    static let limiterCapacity = 1 << 18

    public static func start(
        _ configuration: PortvaktConfiguration,
        logger: Logger
    ) async throws -> PortvaktService {
        let ladder = Self.ladder(configuration)
        let store = Self.openStore(configuration.state, logger: logger)
        let ledger = SupplierLedger(
            ladder: ladder, polling: PollingThresholds(configuration: configuration.polling),
            rules: TermsRules.Settings(configuration: configuration.rules), store: store)
        if let store {
            do {
                // Sanctions are in force before the first request can arrive.
                ledger.restore(try store.restore())
            } catch {
                logger.error("state store: could not read \(configuration.state.path) back: \(error)")
            }
        }
        let adminToken = try Self.adminToken(configuration.admin.token)
        // Identity numbers become the same pseudonyms in the log and in the answers a cluster shares.
        let scrubber = IdentityNumberScrubber(Pseudonymizer(key: configuration.accessLog.pseudonymKey))
        let accessLog =
            try configuration.accessLog.enabled
            ? AccessLogWriter(
                path: configuration.accessLog.path, scrubber: scrubber,
                maxSize: configuration.accessLog.maxSize, keep: configuration.accessLog.keep)
            : nil
        let threads = configuration.server.threads == 0 ? System.coreCount : configuration.server.threads
        let engineConfiguration = UpstreamEngine.Configuration(
            connectTimeout: configuration.upstreams.connectTimeout,
            readTimeout: configuration.upstreams.readTimeout,
            maxIdleConnections: configuration.upstreams.maxConnectionsPerHost,
            caFile: configuration.upstreams.caFile
        )
        let engines = try (0..<threads).map { _ in try UpstreamEngine(configuration: engineConfiguration) }
        engines.forEach { $0.start() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let adminGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let metrics = ProxyMetrics()
        // The cluster's Redis is a restart-only setting: the buckets' client lives as long as the service.
        let sharedBuckets = configuration.cluster.map {
            SharedBuckets(
                host: $0.redis.host, port: $0.redis.port, leasingTo: $0.leases ? $0.expectedInstances : nil,
                logger: logger)
        }
        // The cluster's ladders win over what this instance's store kept: read before the proxy listens.
        let sharedLadders = configuration.cluster.map {
            SharedLadders(host: $0.redis.host, port: $0.redis.port, logger: logger) { ledger.adopt($0) }
        }
        if let sharedLadders { ledger.shareLadders { sharedLadders.publish($0, $1) } }
        // Every instance's answers judged by one of them, so polling spread over the instances is seen whole.
        let sharedEvidence = configuration.cluster.map { cluster in
            SharedEvidence(
                host: cluster.redis.host, port: cluster.redis.port, instance: cluster.instance, logger: logger
            ) {
                $0.forEach(ledger.judge)
            }
        }
        if let sharedEvidence {
            ledger.routeAnswers { answer in
                var leaving = answer
                leaving.target = scrubber.scrubbed(answer.target)
                sharedEvidence.send(leaving)
            }
        }
        do {
            let proxyConfiguration = try Self.proxyConfiguration(
                configuration, ladder: ladder, running: nil, sharedBuckets: sharedBuckets, accessLog: accessLog,
                ledger: ledger, metrics: metrics)
            let admin = try await AdminServer.start(
                host: configuration.admin.listen.host,
                port: configuration.admin.listen.port,
                api: AdminAPI(token: adminToken, ledger: ledger, store: store, metrics: metrics),
                group: adminGroup
            )
            let proxy = try await ProxyServer.start(
                configuration: proxyConfiguration,
                engines: engines,
                group: group,
                logger: logger
            )
            metrics.readGauges { [proxy, accessLog, store] in
                var readings = ProxyMetrics.Readings()
                readings.openConnections = proxy.openConnections
                readings.limiterKeys = proxy.limiter?.keyCount ?? 0
                readings.pollingSeries = ledger.pollingSeries
                readings.sanctions = ledger.levelCounts(at: WallClock.nanosecondsSinceEpoch())
                readings.droppedLogRecords = accessLog?.droppedRecords ?? 0
                readings.failedLogRecords = accessLog?.failedRecords ?? 0
                readings.droppedStoreWrites = store?.droppedWrites ?? 0
                readings.failedStoreWrites = store?.failedWrites ?? 0
                readings.cluster = sharedBuckets?.counts
                readings.clusterReachable = sharedBuckets?.isReachable ?? false
                return readings
            }
            return PortvaktService(
                proxy: proxy, admin: admin, engines: engines, accessLog: accessLog, store: store, ledger: ledger,
                metrics: metrics, sharedBuckets: sharedBuckets, sharedLadders: sharedLadders,
                sharedEvidence: sharedEvidence, configuration: configuration, group: group, adminGroup: adminGroup)
        } catch {
            sharedBuckets?.shutdown()
            sharedEvidence?.shutdown()
            sharedLadders?.shutdown()
            engines.forEach { $0.shutdown() }
            accessLog?.close()
            store?.close()
            try? await group.shutdownGracefully()
            try? await adminGroup.shutdownGracefully()
            throw error
        }
    }

    /// Puts `new` in force without dropping a connection: from the next request on, its upstreams, limits
    /// (each unchanged rule keeping its buckets), identity, ladder, polling and rules settings, maintenance,
    /// breakers, request limits, TLS and admin token; requests in flight finish under the old ones. Keys only a
    /// restart changes keep their running values; their names are returned. A config that cannot be used (a key
    /// file, the certificate or the token file) throws and changes nothing. Counted in `/metrics` either way.
    public func reload(_ new: PortvaktConfiguration) async throws -> [String] {
        let running = self.configuration.withLock { $0 }
        let (effective, needsRestart) = running.reloaded(to: new)
        let ladder = Self.ladder(effective)
        let proxyConfiguration: ProxyServer.Configuration
        let adminToken: String
        do {
            proxyConfiguration = try Self.proxyConfiguration(
                effective, ladder: ladder, running: self.proxy, sharedBuckets: self.sharedBuckets,
                accessLog: self.accessLog, ledger: self.ledger, metrics: self.metrics)
            adminToken = try Self.adminToken(effective.admin.token)
        } catch {
            self.metrics.countReload(succeeded: false)
            throw error
        }
        self.ledger.reconfigure(
            ladder: ladder, polling: PollingThresholds(configuration: effective.polling),
            rules: TermsRules.Settings(configuration: effective.rules))
        self.admin.replaceToken(adminToken)
        await self.proxy.apply(proxyConfiguration)
        self.configuration.withLock { $0 = effective }
        self.metrics.countReload(succeeded: true)
        return needsRestart
    }

    /// Loads `path` and reloads it; a file that does not load (`ConfigError`) is counted as a failed reload.
    public func reload(file path: String) async throws -> [String] {
        let new: PortvaktConfiguration
        do {
            new = try PortvaktConfiguration.load(file: path)
        } catch {
            self.metrics.countReload(succeeded: false)
            throw error
        }
        return try await self.reload(new)
    }

    /// The ladder suppliers climb. Sanctions disabled: no automatic step, but counts, evidence and an
    /// operator's sanctions as ever.
    private static func ladder(_ configuration: PortvaktConfiguration) -> SanctionLadder {
        var ladder = SanctionLadder(configuration: configuration.sanctions)
        if !configuration.sanctions.enabled { ladder.steps = [] }
        return ladder
    }

    /// The proxy listener's configuration. Everything that can fail (key files, the certificate, the upstream
    /// URLs) happens here, before anything is put in force. With the `running` listener, the limiters share
    /// their buckets and unchanged breakers are kept with their state. With `sharedBuckets` (`cluster`), the
    /// limits are decided in Redis, and by the failure policy while it cannot be reached.
    private static func proxyConfiguration(
        _ configuration: PortvaktConfiguration, ladder: SanctionLadder, running: ProxyServer?,
        sharedBuckets: SharedBuckets?, accessLog: AccessLogWriter?, ledger: SupplierLedger, metrics: ProxyMetrics
    ) throws -> ProxyServer.Configuration {
        let throttleFactor = ladder.throttleFactor
        func makeLimiter(_ rules: RateLimitRuleSet, carryingOver previous: RateLimiter?) -> RateLimiter {
            previous.map { RateLimiter(rules: rules, throttleFactor: throttleFactor, carryingOver: $0) }
                ?? RateLimiter(rules: rules, capacity: Self.limiterCapacity, throttleFactor: throttleFactor)
        }
        let rules = RateLimitRuleSet(configuration: configuration.limits)
        let limiter = rules.map { makeLimiter($0, carryingOver: running?.limiter) }
        var sharedLimits: SharedLimits?
        if let rules, let sharedBuckets, let cluster = configuration.cluster {
            sharedLimits = SharedLimits(
                buckets: sharedBuckets, onFailure: cluster.onStoreFailure,
                fallback: makeLimiter(
                    rules.divided(among: cluster.expectedInstances), carryingOver: running?.sharedLimits?.fallback))
        }
        let upstreams = configuration.upstreams
        let breakers: CircuitBreakers? =
            upstreams.breakerFailures == 0
            ? nil
            : running?.breakers.flatMap {
                $0.failureThreshold == upstreams.breakerFailures
                    && $0.coolDownNanoseconds == upstreams.breakerCoolDown.nanoseconds ? $0 : nil
            }
                ?? CircuitBreakers(
                    failureThreshold: upstreams.breakerFailures,
                    coolDownNanoseconds: upstreams.breakerCoolDown.nanoseconds)
        return ProxyServer.Configuration(
            host: configuration.listen.host,
            port: configuration.listen.port,
            upstreams: try UpstreamMap(platform: upstreams.platform, apps: upstreams.apps),
            accessLog: accessLog,
            limiter: limiter,
            sharedLimits: sharedLimits,
            identity: try IdentityPolicy(configuration),
            ledger: ledger,
            maxHeaderBytes: configuration.server.maxHeaderBytes,
            maxHeaders: configuration.server.maxHeaders,
            maxURIBytes: configuration.server.maxURIBytes,
            headerTimeout: configuration.server.headerTimeout,
            maxConnections: configuration.server.maxConnections,
            idleTimeout: configuration.server.idleTimeout,
            drainTimeout: configuration.server.drainTimeout,
            maintenance: MaintenanceSchedule(configuration: configuration.maintenance),
            breakers: breakers,
            metrics: metrics,
            tls: try configuration.tls.map(ListenerTLS.context)
        )
    }

    /// The store at `state.path`; nil, after saying so, when it cannot be opened: serving without durable
    /// state beats not serving.
    private static func openStore(_ state: PortvaktConfiguration.State, logger: Logger) -> StateStore? {
        do {
            return try StateStore(path: state.path, logger: logger)
        } catch {
            logger.error(
                """
                state store: cannot open \(state.path) (\(error)); serving without durable state: sanctions and \
                evidence will not survive a restart
                """)
            return nil
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
        self.sharedBuckets?.shutdown()
        // After the drain: the last answers and ladder changes of the requests that finished go out too.
        self.sharedEvidence?.shutdown()
        self.sharedLadders?.shutdown()
        await self.admin.close()
        self.engines.forEach { $0.shutdown() }
        self.accessLog?.close()
        self.store?.close()
        try? await self.group.shutdownGracefully()
        try? await self.adminGroup.shutdownGracefully()
    }
}
