/// One finished answer as the polling detector and the terms' rules judge it: who asked what, when, and what
/// came back. A value, so that instances of a cluster can send theirs to the one that judges them all (as a
/// `line`, which costs a fraction of a JSON encoding).
public struct ObservedAnswer: Sendable, Hashable {
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

    public var catalogueRoute: Route { Route(product: product, name: route) }

    /// Whether any judge could take it as evidence: a successful read (the detector and §2.2 look at nothing
    /// else) or a browser-like request (§7.1). Only those need to travel to a cluster's judge.
    public var canBeEvidence: Bool {
        let isRead = (method == "GET" || method == "HEAD") && ((200...299).contains(status) || status == 304)
        return isRead || isBrowserLike
    }
}

extension ObservedAnswer {
    public init(
        time: Int64, supplier: String, customer: String?, method: String, host: String, target: String,
        route: Route, status: Int, responseDigest: String?, isBrowserLike: Bool
    ) {
        // Through the memberwise initialiser, which builds the value whole: assigning field by field left the
        // optimiser copying the finished answer once more, every string retained again (Swift 6.3).
        self.init(
            time: time, supplier: supplier, customer: customer, method: method, host: host, target: target,
            product: route.product, route: route.name, status: status, responseDigest: responseDigest,
            isBrowserLike: isBrowserLike)
    }
}

extension ObservedAnswer {
    /// The answer as one line of tab-separated fields: no field can hold a tab or a line break (a request
    /// target, a header value and the names here cannot), and an absent customer or digest is an empty field
    /// (neither is ever empty when present).
    public var line: String {
        let fields = [
            String(time), supplier, customer ?? "", method, host, target, product.rawValue, route, String(status),
            responseDigest ?? "", isBrowserLike ? "1" : "0",
        ]
        return fields.joined(separator: "\t")
    }

    /// An answer from its `line`; nil when the line is not one. Split on the bytes: the judge of a cluster
    /// reads every instance's answers, and splitting by `Character` cost it more than judging them.
    public init?(line: String) {
        let fields = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(
            Substring.init)
        guard fields.count == 11, let time = Int64(fields[0]), let product = Product(rawValue: String(fields[6])),
            let status = Int(fields[8]), fields[10] == "0" || fields[10] == "1"
        else { return nil }
        self.init(
            time: time, supplier: String(fields[1]), customer: fields[2].isEmpty ? nil : String(fields[2]),
            method: String(fields[3]), host: String(fields[4]), target: String(fields[5]),
            route: Route(product: product, name: String(fields[7])), status: status,
            responseDigest: fields[9].isEmpty ? nil : String(fields[9]), isBrowserLike: fields[10] == "1")
    }
}
