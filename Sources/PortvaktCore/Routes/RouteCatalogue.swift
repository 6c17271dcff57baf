/// Names every request: which Altinn product it is for and which endpoint of it.
///
/// The limits, the polling detector and the reports all speak in these names, and `replay` classifies
/// yesterday's access log with the same catalogue, so a name once given must stay.
public struct RouteCatalogue: Sendable {
    /// Where a product's endpoints start in the trie, and its route for everything else under it.
    private struct ProductRoot: Sendable {
        let name: [UInt8]
        let node: Int?
        let other: Route

        init(_ product: Product, node: Int?) {
            self.name = Array(product.rawValue.utf8)
            self.node = node
            self.other = Route(product: product, name: "\(product.rawValue).other")
        }
    }

    private let trie: RouteTrie
    /// One per platform product, entered by its name as the first path segment.
    private let platformRoots: [ProductRoot]
    /// Apps, entered by any first segment (the app owner, `{org}`).
    private let appsRoot: ProductRoot
    private let unknown = Route(product: .unknown, name: "unknown")

    /// Every route the catalogue can give, each once: the endpoints in table order, then each product's
    /// `<product>.other`, then `unknown`. What a config's `route` match is checked against.
    public let routes: [Route]

    /// The path of every platform endpoint in the built-in tables, `{param}` for a segment that varies, e.g.
    /// `/broker/api/v1/filetransfer/{fileTransferId}/download`: what a config's path glob is checked against.
    public static var platformPathTemplates: [String] {
        RouteTables.all.filter { $0.product.isPlatform }.flatMap { $0.definitions.map(\.pattern) }
    }

    /// The built-in table of the endpoints Altinn publishes (see `RouteTables`).
    public init() {
        self.init(tables: RouteTables.all)
    }

    /// The built-in catalogue, built once per process (a build takes about 8 million instructions) for all that
    /// read it: the config's check of the routes rules name, the proxy and `replay`.
    public static let standard = RouteCatalogue()

    init(tables: [(product: Product, definitions: [RouteDefinition])]) {
        var trie = RouteTrie()
        var routes: [Route] = []
        var listed: Set<Route> = []
        for (product, definitions) in tables {
            for definition in definitions {
                trie.insert(definition, product: product)
                let route = Route(product: product, name: definition.name)
                if listed.insert(route).inserted { routes.append(route) }
            }
        }
        self.trie = trie
        self.platformRoots = Product.allCases.filter(\.isPlatform).map {
            ProductRoot($0, node: trie.child(of: RouteTrie.root, literal: $0.rawValue.utf8))
        }
        self.appsRoot = ProductRoot(.apps, node: trie.parameterChild(of: RouteTrie.root))
        self.routes = routes + (platformRoots + [appsRoot]).map(\.other) + [unknown]
    }

    /// The route of one request.
    ///
    /// `target` is the request target as received: path plus optional `?query`; the query is ignored.
    /// `host` is optional (replay has it from the log); an apps host such as `ttd.apps.tt02.altinn.no`
    /// makes the request `.apps` whatever its path. Allocates nothing.
    public func route(host: String?, method: RequestMethod, target: String) -> Route {
        target.withUTF8Bytes { route(host: host, method: method, target: $0) }
    }

    /// The same with the target as bytes.
    public func route(host: String?, method: RequestMethod, target: UnsafeBufferPointer<UInt8>) -> Route {
        route(isAppsHost: host.map { Self.isAppsHost($0) } ?? false, method: method, target: target)
    }

    private func route(isAppsHost: Bool, method: RequestMethod, target: UnsafeBufferPointer<UInt8>) -> Route {
        let end = target.pathEndIndex
        guard let first = target.pathSegment(from: 0, end: end) else {
            return isAppsHost ? appsRoot.other : unknown
        }
        func match(below root: ProductRoot, from index: Int) -> Route {
            root.node.flatMap { trie.match(target, from: index, end: end, node: $0, method: method) } ?? root.other
        }
        if isAppsHost {
            return match(below: appsRoot, from: first.upperBound)
        }
        if let platform = platformRoots.first(where: { target.matches($0.name, in: first) }) {
            return match(below: platform, from: first.upperBound)
        }
        let hasAppSegment = target.pathSegment(from: first.upperBound, end: end) != nil
        guard hasAppSegment, Self.isAppOwner(target, first) else { return unknown }
        return match(below: appsRoot, from: first.upperBound)
    }

    /// An apps host has `apps` as its second label: `{org}.apps.altinn.no`, `{org}.apps.tt02.altinn.no`. Read
    /// on the bytes in place (through `String.UTF8View`'s generic indices it cost a thousand instructions).
    static func isAppsHost(_ host: borrowing String) -> Bool {
        host.withUTF8Bytes { bytes in
            guard let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")), firstDot > 0 else { return false }
            var end = firstDot + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "."), bytes[end] != UInt8(ascii: ":") { end += 1 }
            return bytes.matches(appsLabel, in: (firstDot + 1)..<end)
        }
    }

    private static let appsLabel = Array("apps".utf8)

    /// An app owner's name goes into the upstream host name, so only a DNS label qualifies.
    static func isAppOwner(_ target: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>) -> Bool {
        segment.count <= 63 && segment.allSatisfy { target[$0].isDNSLabelCharacter }
    }
}
