import Logging
import NIOCore
import PortvaktAccessLog
import PortvaktCore
import PortvaktIdentity
import PortvaktUpstream

/// What every connection's proxy handler shares: the catalogue, where products go, the engines, the log.
struct ProxyContext: Sendable {
    var catalogue: RouteCatalogue
    var upstreams: UpstreamMap
    /// Each event loop forwards through one engine, so the engines' threads share the curl work.
    var engines: [ObjectIdentifier: UpstreamEngine]
    var fallbackEngine: UpstreamEngine
    var accessLog: AccessLogWriter?
    var limiter: RateLimiter?
    /// Each supplier's counts, evidence and sanction; nil keeps none.
    var ledger: SupplierLedger?
    /// One per event loop: each keeps its own cache of verified tokens, so no lock is taken per request.
    var authenticators: [ObjectIdentifier: NIOLoopBoundBox<TokenAuthenticator>]
    /// `identity.on_invalid_token: reject`: a missing or invalid token gets 401 instead of the anonymous limits.
    var rejectsInvalidTokens: Bool
    var maxHeaderBytes: Int
    var maxHeaders: Int
    var maxURIBytes: Int
    var maintenance: MaintenanceSchedule
    var breakers: CircuitBreakers?
    var metrics: ProxyMetrics?
    var logger: Logger
}

extension ProxyContext {
    func engine(for eventLoop: any EventLoop) -> UpstreamEngine {
        self.engines[ObjectIdentifier(eventLoop)] ?? self.fallbackEngine
    }
}
