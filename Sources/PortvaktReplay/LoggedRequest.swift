import PortvaktAccessLog
import PortvaktCore

/// One access-log line as `replay` reads it (CONTRACT.md §4): who asked for what and when, and what the
/// live proxy did with it. Fields the log may leave out are optional; `product` and `route` are then
/// derived from the catalogue.
public struct LoggedRequest: Sendable, Equatable {
    /// When the request arrived, in nanoseconds since the Unix epoch.
    public var time: Int64
    /// Who asked, as the limits see a logged request (the log has no client addresses, so the supplier stands
    /// in for one): made once, when the line is read, for the replay to lend the limiter.
    private(set) var party: RequestParty
    /// The supplier's organisation number or pseudonym; `anonymous` when the log has none or null.
    public var supplier: String {
        get { party.supplier }
        set {
            party.supplier = newValue
            party.address = newValue
        }
    }
    public var customer: String? {
        get { party.customer }
        set { party.customer = newValue }
    }
    public var clientID: String? {
        get { party.clientID }
        set { party.clientID = newValue }
    }
    /// The method token as received, e.g. `GET`.
    public var method: String
    /// The upstream host; it tells an app request (`{org}.apps.…`) from a platform one.
    public var host: String?
    /// The request target: path and query.
    public var path: String {
        get { target.text }
        set { target = LoggedTarget(newValue) }
    }
    /// The same as the log's bytes, which the replay reads.
    var target: LoggedTarget
    /// The product and route name as the live proxy logged them; nil when the line has none (or, for the
    /// product, one this version does not know).
    public var product: Product?
    public var route: String?
    public var status: Int
    /// What the live proxy did; nil when the line has no decision or one this version does not know.
    public var decision: Decision?
    /// The answer's `response_digest` as the polling detector keeps it, hashed as the line is read.
    public var responseDigest: ResponseDigestHash?
    /// Whether the live proxy saw a browser asking for a page (`browser_like`; false when absent).
    public var isBrowserLike: Bool
}

extension LoggedRequest {
    public init(
        time: Int64, supplier: String = RequestParty.anonymousSupplier, customer: String? = nil,
        clientID: String? = nil, method: String, host: String? = nil, path: String, product: Product? = nil,
        route: String? = nil, status: Int, decision: Decision? = nil, responseDigest: ResponseDigestHash? = nil,
        isBrowserLike: Bool = false
    ) {
        // Through the memberwise initialiser, which builds the value whole: assigning field by field here left
        // the optimiser copying the finished request (and its party) once more, retaining every string again.
        self.init(
            time: time, supplier: supplier, customer: customer, clientID: clientID, method: method, host: host,
            target: LoggedTarget(path), product: product, route: route, status: status, decision: decision,
            responseDigest: responseDigest, isBrowserLike: isBrowserLike)
    }

    init(
        time: Int64, supplier: String, customer: String?, clientID: String?, method: String, host: String?,
        target: LoggedTarget, product: Product?, route: String?, status: Int, decision: Decision?,
        responseDigest: ResponseDigestHash?, isBrowserLike: Bool
    ) {
        self.init(
            time: time,
            party: RequestParty(supplier: supplier, customer: customer, clientID: clientID, address: supplier),
            method: method, host: host, target: target, product: product, route: route, status: status,
            decision: decision, responseDigest: responseDigest, isBrowserLike: isBrowserLike)
    }
}

extension LoggedRequest {
    /// The method as the core knows it.
    var requestMethod: RequestMethod { RequestMethod(method) }

    /// The route the live proxy logged, else the one `catalogue` finds for the logged host, method and path.
    func route(in catalogue: RouteCatalogue) -> Route {
        if let product, let route { return Route(product: product, name: route) }
        let method = requestMethod
        return target.withBytes { catalogue.route(host: host, method: method, target: $0) }
    }

    /// The key of the polling series this request reads; nil when it is not a successful read
    /// (`PollingDetector.isRead`), which no series counts.
    var seriesKey: PollingSeriesKey? {
        let method = requestMethod
        guard PollingDetector.isRead(method: method, status: status) else { return nil }
        return target.withBytes { target in
            PollingSeriesKey(
                supplier: party.supplier, customer: party.customer, method: method, host: host, target: target)
        }
    }
}
