import Logging
import NIOCore
import PortvaktAccessLog
import PortvaktCore
import PortvaktUpstream

/// What every connection's proxy handler shares for the life of the listener: the catalogue, the engines, the
/// log, the ledger. What a reload changes is in `ProxySettings`, one box per event loop.
struct ProxyContext: Sendable {
    var catalogue: RouteCatalogue
    /// Each event loop forwards through one engine, so the engines' threads share the curl work.
    var engines: [ObjectIdentifier: UpstreamEngine]
    var fallbackEngine: UpstreamEngine
    var accessLog: AccessLogWriter?
    /// Each supplier's counts, evidence and sanction; nil keeps none.
    var ledger: SupplierLedger?
    var metrics: ProxyMetrics?
    var logger: Logger
}

extension ProxyContext {
    func engine(for eventLoop: any EventLoop) -> UpstreamEngine {
        self.engines[ObjectIdentifier(eventLoop)] ?? self.fallbackEngine
    }
}
