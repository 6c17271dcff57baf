/// One finished answer as the polling detector and the terms' rules judge it: who asked what, when, and what
/// came back. A value, so that instances of a cluster can send theirs to the one that judges them all.
public struct ObservedAnswer: Sendable, Hashable, Codable {
    /// Unix nanoseconds of the request.
    public var time: Int64
    public var supplier: String
    public var customer: String?
    /// The method as on the wire.
    public var method: String
    public var host: String
    /// The path and query as received (identity numbers already pseudonymised when it leaves the instance).
    public var target: String
    public var product: Product
    public var route: String
    public var status: Int
    /// The upstream ETag or the body's hash; nil for none.
    public var responseDigest: String?
    public var isBrowserLike: Bool

    public init(
        time: Int64, supplier: String, customer: String?, method: String, host: String, target: String,
        route: Route, status: Int, responseDigest: String?, isBrowserLike: Bool
    ) {
        self.time = time
        self.supplier = supplier
        self.customer = customer
        self.method = method
        self.host = host
        self.target = target
        self.product = route.product
        self.route = route.name
        self.status = status
        self.responseDigest = responseDigest
        self.isBrowserLike = isBrowserLike
    }

    public var catalogueRoute: Route { Route(product: product, name: route) }
}

extension Product: Codable {}
