import NIOCore
import NIOHTTP1
import NIOSSL
import PortvaktCore
import PortvaktIdentity

/// What a config reload changes on the proxy listener, swapped whole. A request reads it once, at its head,
/// and keeps it to its end, so a request in flight finishes under the config it began with; a new connection
/// takes its limits and TLS from it.
final class ProxySettings: Sendable {
    let upstreams: UpstreamMap
    let limiter: RateLimiter?
    /// Set with `cluster`: the limiter's buckets are decided in Redis.
    let sharedLimits: SharedLimits?
    let identity: IdentityPolicy?
    let maintenance: MaintenanceSchedule
    let breakers: CircuitBreakers?
    let maxHeaderBytes: Int
    let maxHeaders: Int
    let maxURIBytes: Int
    let headerTimeout: Duration
    let idleTimeout: Duration
    let maxConnections: Int
    let tls: NIOSSLContext?

    init(_ configuration: ProxyServer.Configuration) {
        self.upstreams = configuration.upstreams
        self.limiter = configuration.limiter
        self.sharedLimits = configuration.sharedLimits
        self.identity = configuration.identity
        self.maintenance = configuration.maintenance
        self.breakers = configuration.breakers
        self.maxHeaderBytes = configuration.maxHeaderBytes
        self.maxHeaders = configuration.maxHeaders
        self.maxURIBytes = configuration.maxURIBytes
        self.headerTimeout = configuration.headerTimeout
        self.idleTimeout = configuration.idleTimeout
        self.maxConnections = configuration.maxConnections
        self.tls = configuration.tls
    }

    /// The request parser's limits for a new connection.
    var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = self.maxHeaderBytes
        limits.maxHeaderFieldSize = self.maxHeaderBytes
        return limits
    }
}

/// One event loop's view of the settings: the current ones, and the loop's own token authenticator (each loop
/// keeps its own cache of verified tokens, so no lock is taken per request; a reload starts it afresh).
struct LoopSettings {
    var settings: ProxySettings
    var authenticator: TokenAuthenticator?

    init(_ settings: ProxySettings) {
        self.settings = settings
        self.authenticator = settings.identity.map { TokenAuthenticator(verifier: $0.verifier) }
    }
}
