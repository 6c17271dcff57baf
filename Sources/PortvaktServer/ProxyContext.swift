import Logging
import PortvaktAccessLog
import PortvaktCore
import PortvaktUpstream

/// What every connection's proxy handler shares: the catalogue, where products go, the engine, the log.
struct ProxyContext: Sendable {
    var catalogue: RouteCatalogue
    var upstreams: UpstreamMap
    var engine: UpstreamEngine
    var accessLog: AccessLogWriter?
    var maxHeaderBytes: Int
    var logger: Logger
}
