import PortvaktAccessLog
import PortvaktCluster
import PortvaktCore
import Prometheus
import Synchronization

/// What `/metrics` shows (contract §7), in Prometheus text: requests by product and decision, upstream
/// latency by product, and the gauges read when scraped — open connections, limiter keys, series tracked,
/// suppliers by sanction level, dropped access-log lines and store writes, config reloads, and with `cluster`
/// whether Redis answers, its outages and the requests decided there or by the failure policy.
///
/// The per-request counters are made once, one per product × decision, so counting takes no lookup by name.
/// No label ever carries a supplier, a customer or a path (contract §6).
public final class ProxyMetrics: Sendable {
    /// What the gauges show, read from the running service at each scrape.
    public struct Readings: Sendable {
        public var openConnections = 0
        public var limiterKeys = 0
        public var pollingSeries = 0
        public var sanctions: [SanctionLevel: Int] = [:]
        public var droppedLogRecords = 0
        public var failedLogRecords = 0
        public var droppedStoreWrites = 0
        public var failedStoreWrites = 0
        /// With `cluster`: the shared limits' Redis, what it decided and what it could not.
        public var cluster: SharedBuckets.Counts?
        public var clusterReachable = false

        public init() {}
    }

    public let registry: PrometheusCollectorRegistry
    private let requests: [Counter]
    private let upstreamLatency: [DurationHistogram]
    private let readings = Mutex<(@Sendable () -> Readings)?>(nil)
    private let reloads: (ok: Counter, failed: Counter)

    private static let products = Product.allCases
    private static let decisions = Decision.allCases

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        requests = Self.products.flatMap { product in
            Self.decisions.map { decision in
                registry.makeCounter(
                    descriptor: .init(
                        namespace: "portvakt", metricName: "requests", unitName: "total",
                        helpText: "Requests by product and what Portvakt decided"),
                    labels: [("product", product.rawValue), ("decision", decision.rawValue)])
            }
        }
        let buckets: [Duration] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
            .seconds(30),
        ]
        upstreamLatency = Self.products.map { product in
            registry.makeDurationHistogram(
                descriptor: .init(
                    namespace: "portvakt", metricName: "upstream_duration", unitName: "seconds",
                    helpText: "Time from starting the upstream transfer to its end, by product"),
                labels: [("product", product.rawValue)], buckets: buckets)
        }
        let reload = MetricNameDescriptor(
            namespace: "portvakt", metricName: "config_reloads", unitName: "total",
            helpText: "Config reloads by outcome")
        reloads = (
            registry.makeCounter(descriptor: reload, labels: [("result", "ok")]),
            registry.makeCounter(descriptor: reload, labels: [("result", "failed")])
        )
    }

    /// Counts one finished request.
    func count(product: Product, decision: Decision) {
        let index =
            Self.products.firstIndex(of: product)! * Self.decisions.count + Self.decisions.firstIndex(of: decision)!
        requests[index].increment()
    }

    /// Records one upstream transfer's duration.
    func recordUpstream(product: Product, duration: Duration) {
        upstreamLatency[Self.products.firstIndex(of: product)!].record(duration)
    }

    /// Counts a config reload.
    public func countReload(succeeded: Bool) {
        (succeeded ? reloads.ok : reloads.failed).increment()
    }

    /// Where the gauges are read from at each scrape.
    public func readGauges(from source: @escaping @Sendable () -> Readings) {
        readings.withLock { $0 = source }
    }

    /// The Prometheus text exposition, gauges read now.
    public func exposition() -> String {
        let current = readings.withLock { $0 }?() ?? Readings()
        func gauge(_ name: String, _ help: String, _ value: Int, labels: [(String, String)] = []) {
            registry.makeGauge(
                descriptor: .init(namespace: "portvakt", metricName: name, unitName: "", helpText: help),
                labels: labels
            ).set(Double(value))
        }
        gauge("open_connections", "Client connections open on the proxy listener", current.openConnections)
        gauge("limiter_keys", "Token buckets the limiter holds", current.limiterKeys)
        gauge("polling_series", "Series the polling detector follows", current.pollingSeries)
        for level in SanctionLevel.allCases {
            gauge(
                "suppliers_sanctioned", "Suppliers standing at each sanction level", current.sanctions[level] ?? 0,
                labels: [("level", level.rawValue)])
        }
        gauge("access_log_dropped", "Access-log records dropped (queue full)", current.droppedLogRecords)
        gauge("access_log_failed", "Access-log records lost to a failed write", current.failedLogRecords)
        gauge("store_writes_dropped", "State store writes dropped (queue full)", current.droppedStoreWrites)
        gauge("store_writes_failed", "State store writes lost to a failed transaction", current.failedStoreWrites)
        if let cluster = current.cluster {
            gauge(
                "cluster_redis_up", "Whether the shared limits' Redis answered last time (1) or not (0)",
                current.clusterReachable ? 1 : 0)
            gauge("cluster_redis_outages", "Times the shared limits' Redis became unreachable", cluster.outages)
            gauge(
                "cluster_decisions", "Requests decided by the shared limits", cluster.decided,
                labels: [("result", "shared")])
            gauge(
                "cluster_decisions", "Requests decided by the shared limits", cluster.unavailable,
                labels: [("result", "failure_policy")])
            gauge(
                "cluster_decisions", "Requests decided by the shared limits", cluster.leased,
                labels: [("result", "leased")])
            gauge(
                "cluster_lent_tokens", "Tokens the shared buckets lent this instance ahead of need", cluster.lentTokens)
            gauge("cluster_redis_round_trips", "Pipelines sent to Redis (one round trip each)", cluster.roundTrips)
        }
        return registry.emitToString()
    }
}
