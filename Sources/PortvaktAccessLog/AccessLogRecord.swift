import PortvaktCore

/// One line of the access log (CONTRACT.md §4): one request, what the proxy decided, how it ended.
///
/// May hold identity numbers (in `path`, say): `AccessLogWriter` scrubs every text field before it writes one.
public struct AccessLogRecord: Sendable, Equatable {
    /// Whether the request asked for a page as a browser does (`BrowserLikeRequest`); `browser_like`, an
    /// extension of contract §4 that lets `replay` judge rule `7.1-scraping`. First, so that the memberwise
    /// initialiser's labels differ from the public one's, which delegates to it (see below).
    public var isBrowserLike: Bool
    /// When the request arrived, in nanoseconds since the Unix epoch.
    public var time: Int64
    public var requestID: String
    /// The supplier's organisation number (or pseudonym); nil for an anonymous request.
    public var supplier: String?
    public var customer: String?
    public var clientID: String?
    /// The method token as received, e.g. `GET`.
    public var method: String
    /// The upstream host the request was for (see `UpstreamMap.host`).
    public var host: String
    /// The request target: path and query.
    public var path: String
    public var product: Product
    /// The route's name from the catalogue, e.g. `dialogporten.enduser.dialogs.search`.
    public var route: String
    public var status: Int
    public var decision: Decision
    /// The name of the limit rule that refused (or would have refused) the request.
    public var rule: String?
    public var bytesIn: Int64
    public var bytesOut: Int64
    public var durationMilliseconds: Double
    /// The upstream ETag, else a SHA-256 of the body (see `ResponseDigest`); nil for error answers.
    public var responseDigest: String?
}

extension AccessLogRecord {
    // Through the memberwise initialiser, which builds the value whole: assigning field by field left the
    // optimiser copying the finished record once more, every string retained again (Swift 6.3).
    public init(
        time: Int64,
        requestID: String,
        supplier: String?,
        customer: String?,
        clientID: String?,
        method: String,
        host: String,
        path: String,
        product: Product,
        route: String,
        status: Int,
        decision: Decision,
        rule: String?,
        bytesIn: Int64,
        bytesOut: Int64,
        durationMilliseconds: Double,
        responseDigest: String?,
        isBrowserLike: Bool = false
    ) {
        self.init(
            isBrowserLike: isBrowserLike, time: time, requestID: requestID, supplier: supplier, customer: customer,
            clientID: clientID, method: method, host: host, path: path, product: product, route: route, status: status,
            decision: decision, rule: rule, bytesIn: bytesIn, bytesOut: bytesOut,
            durationMilliseconds: durationMilliseconds, responseDigest: responseDigest)
    }
}
