/// Route patterns compiled into a tree of path segments, walked once per request without allocating.
///
/// Each node has literal children (stored lower-case, matched ignoring ASCII case as ASP.NET Core routes
/// do, so that `/Broker/…` cannot slip past a limit written for `/broker/…`), at most one parameter child
/// for `{param}`, and the endpoints that end there. A lookup prefers a literal over the parameter and
/// backtracks when a branch ends without an endpoint for the method, as the upstream's router would.
///
/// The tree is plain integers: a node's literal edges and endpoints are linked lists through two flat
/// arrays, and every literal's bytes lie in one shared array. A walk then reads integers and bytes and
/// retains nothing; nodes holding arrays of their own were copied, every array retained, at each step.
struct RouteTrie: Sendable {
    static let root = 0

    /// A link that leads nowhere.
    private static let none = -1

    private struct Node: Sendable {
        var firstLiteral = RouteTrie.none
        var parameter = RouteTrie.none
        var firstEndpoint = RouteTrie.none
    }

    /// A literal child: its segment is `segmentBytes[start..<end]`.
    private struct Literal: Sendable {
        var start: Int
        var end: Int
        var node: Int
        var next: Int
    }

    /// An endpoint: its route is `routes` at the same index, apart, so that the walk reads no strings.
    private struct Endpoint: Sendable {
        var method: RequestMethod
        var next: Int
    }

    private var nodes = [Node()]
    private var literals: [Literal] = []
    private var endpoints: [Endpoint] = []
    private var routes: [Route] = []
    private var segmentBytes: [UInt8] = []

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
            endpoint(of: node, method: definition.method) == nil,
            "route table lists \(definition.method.name) \(definition.pattern) twice"
        )
        endpoints.append(Endpoint(method: definition.method, next: nodes[node].firstEndpoint))
        routes.append(Route(product: product, name: definition.name))
        nodes[node].firstEndpoint = endpoints.count - 1
    }

    private mutating func parameterChild(creatingUnder node: Int) -> Int {
        if nodes[node].parameter != Self.none { return nodes[node].parameter }
        nodes.append(Node())
        nodes[node].parameter = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func literalChild(_ segment: [UInt8], creatingUnder node: Int) -> Int {
        if let child = child(of: node, literal: segment) { return child }
        nodes.append(Node())
        literals.append(
            Literal(
                start: segmentBytes.count, end: segmentBytes.count + segment.count, node: nodes.count - 1,
                next: nodes[node].firstLiteral))
        segmentBytes.append(contentsOf: segment)
        nodes[node].firstLiteral = literals.count - 1
        return nodes.count - 1
    }

    /// The literal child of `node` spelled `segment` (lower-case), if there is one.
    func child(of node: Int, literal segment: some Collection<UInt8>) -> Int? {
        var edge = nodes[node].firstLiteral
        while edge != Self.none {
            let literal = literals[edge]
            if segmentBytes[literal.start..<literal.end].elementsEqual(segment) { return literal.node }
            edge = literal.next
        }
        return nil
    }

    /// The parameter child of `node`, if there is one.
    func parameterChild(of node: Int) -> Int? {
        nodes[node].parameter == Self.none ? nil : nodes[node].parameter
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
        let found = segmentBytes.withUnsafeBufferPointer { segments in
            endpoint(below: node, path: path, from: index, end: end, method: method, segments: segments)
        }
        return found.map { routes[$0] }
    }

    /// The index of the endpoint `match` finds, so that the walk itself never touches a route's name.
    private func endpoint(
        below node: Int, path: UnsafeBufferPointer<UInt8>, from index: Int, end: Int, method: RequestMethod,
        segments: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard let segment = path.pathSegment(from: index, end: end) else {
            return endpoint(of: node, method: method) ?? (method == .head ? endpoint(of: node, method: .get) : nil)
        }
        var edge = nodes[node].firstLiteral
        while edge != Self.none {
            let literal = literals[edge]
            if path.matches(segments, literal.start..<literal.end, in: segment),
                let found = endpoint(
                    below: literal.node, path: path, from: segment.upperBound, end: end, method: method,
                    segments: segments)
            {
                return found
            }
            edge = literal.next
        }
        let parameter = nodes[node].parameter
        guard parameter != Self.none else { return nil }
        return endpoint(
            below: parameter, path: path, from: segment.upperBound, end: end, method: method, segments: segments)
    }

    /// The endpoint at `node` for exactly `method`.
    private func endpoint(of node: Int, method: RequestMethod) -> Int? {
        var index = nodes[node].firstEndpoint
        while index != Self.none {
            if endpoints[index].method == method { return index }
            index = endpoints[index].next
        }
        return nil
    }
}
