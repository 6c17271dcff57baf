/// Route patterns compiled into a tree of path segments, walked once per request without allocating.
///
/// Each node has literal children (stored lower-case, matched ignoring ASCII case as ASP.NET Core routes
/// do, so that `/Broker/…` cannot slip past a limit written for `/broker/…`), at most one parameter child
/// for `{param}`, and the endpoints that end there. A lookup prefers a literal over the parameter and
/// backtracks when a branch ends without an endpoint for the method, as the upstream's router would.
struct RouteTrie: Sendable {
    static let root = 0

    private struct Node: Sendable {
        var literals: [(segment: [UInt8], node: Int)] = []
        var parameter: Int?
        var endpoints: [(method: RequestMethod, route: Route)] = []
    }

    private var nodes = [Node()]

    /// Adds `definition`; a second definition for the same method and pattern is a mistake in a table.
    mutating func insert(_ definition: RouteDefinition, product: Product) {
        var node = Self.root
        for segment in definition.pattern.split(separator: "/") {
            node =
                segment.first == "{" && segment.last == "}"
                ? parameterChild(creatingUnder: node)
                : literalChild(Array(segment.lowercased().utf8), creatingUnder: node)
        }
        precondition(
            !nodes[node].endpoints.contains { $0.method == definition.method },
            "route table lists \(definition.method.name) \(definition.pattern) twice"
        )
        nodes[node].endpoints.append((definition.method, Route(product: product, name: definition.name)))
    }

    private mutating func parameterChild(creatingUnder node: Int) -> Int {
        if let child = nodes[node].parameter { return child }
        nodes.append(Node())
        nodes[node].parameter = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func literalChild(_ segment: [UInt8], creatingUnder node: Int) -> Int {
        if let edge = nodes[node].literals.first(where: { $0.segment == segment }) { return edge.node }
        nodes.append(Node())
        nodes[node].literals.append((segment, nodes.count - 1))
        return nodes.count - 1
    }

    /// The literal child of `node` spelled `segment` (lower-case), if there is one.
    func child(of node: Int, literal segment: String) -> Int? {
        nodes[node].literals.first { $0.segment.elementsEqual(segment.utf8) }?.node
    }

    /// The parameter child of `node`, if there is one.
    func parameterChild(of node: Int) -> Int? {
        nodes[node].parameter
    }

    /// The route for the path segments in `path[index..<end]`, starting below `node`.
    /// `HEAD` takes the `GET` endpoint where no `HEAD` endpoint is listed.
    func match(
        _ path: UnsafeBufferPointer<UInt8>,
        from index: Int,
        end: Int,
        node: Int,
        method: RequestMethod
    ) -> Route? {
        let current = nodes[node]
        guard let segment = path.pathSegment(from: index, end: end) else {
            return current.endpoints.first { $0.method == method }?.route
                ?? (method == .head ? current.endpoints.first { $0.method == .get }?.route : nil)
        }
        for literal in current.literals where path.matches(literal.segment, in: segment) {
            if let route = match(path, from: segment.upperBound, end: end, node: literal.node, method: method) {
                return route
            }
        }
        guard let parameter = current.parameter else { return nil }
        return match(path, from: segment.upperBound, end: end, node: parameter, method: method)
    }
}
