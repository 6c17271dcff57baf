/// The configured limit rules, and which of them apply to a request.
///
/// Every matching rule applies, so a burst rule and a sustained rule stack. A rule that names a supplier
/// replaces, for that supplier only, the rules without a supplier whose match is otherwise the same (same
/// product, method and route): that is how one supplier's limit is raised or lowered. A supplier rule with
/// a match no general rule has simply adds to the general rules.
public struct RateLimitRuleSet: Sendable {
    /// In configuration order; a rule's position is its identity in the limiter (`LimiterKey.rule`).
    public let rules: [RateLimitRule]
    /// Each rule's `RateLimit-Policy` value, which never changes.
    public let policyFields: [String]
    /// Positions of the rules without a supplier.
    private let generalRules: [Int]
    /// The general rules a request of each product can match (their product is that one or none), by the
    /// product's `caseIndex`: a request passes over the rules of its own product only.
    private let generalRulesByProduct: [[Int]]
    /// By the product's `caseIndex`, whether a rule a request of that product can match has a path glob: only
    /// then are the segments of its path looked for.
    private let productHasPathGlobs: [Bool]
    /// Per supplier: the positions of its own rules, and of the general rules they replace for it.
    private let supplierRules: [String: (own: [Int], replaced: Set<Int>)]
    /// What a check needs of each rule, by position: plain values, read without retaining a rule's strings.
    private let checkShapes: [CheckShape]
    /// What matching needs of each rule, by position, the route pattern aside: plain values, so that the
    /// rules a request's product or method rules out cost a comparison or two (reading a rule itself copied
    /// it, retaining its strings, once per rule per request).
    private let matchShapes: [MatchShape]
    /// Each rule's route pattern, by position.
    private let routePatterns: [RoutePattern?]

    private struct CheckShape: Sendable {
        var key: RateLimitRule.KeyKind
        var policy: TokenBucketPolicy
        var shadow: Bool
    }

    private struct MatchShape: Sendable {
        var product: Product?
        /// The method token packed into a word (`RequestMethod.packed(token:)`); nil for any method.
        var method: UInt64?
        /// A method token too long to pack, compared as text.
        var hasLongMethod: Bool
        /// How many segments a path must have to fit the rule's path glob, when that is fixed (no `**`): a path
        /// of another length is turned away by one comparison, before any segment is read.
        var pathSegmentCount: Int?
    }

    /// The most rules one request can match (each a bucket it must draw from).
    public static let maximumRulesPerRequest = 64

    public init(rules: [RateLimitRule]) {
        self.rules = rules
        policyFields = rules.map { RateLimitFields.policy(name: $0.name, policy: $0.policy) }
        generalRules = rules.indices.filter { rules[$0].match.supplier == nil }
        var supplierRules: [String: (own: [Int], replaced: Set<Int>)] = [:]
        for (position, rule) in rules.enumerated() {
            guard let supplier = rule.match.supplier else { continue }
            let replaced = generalRules.filter { rules[$0].match == rule.match.withoutSupplier }
            supplierRules[supplier, default: ([], [])].own.append(position)
            supplierRules[supplier, default: ([], [])].replaced.formUnion(replaced)
        }
        self.supplierRules = supplierRules
        let generalRules = self.generalRules
        generalRulesByProduct = Product.allCases.map { product in
            generalRules.filter { rules[$0].match.product.map { $0 == product } ?? true }
        }
        productHasPathGlobs = Product.allCases.map { product in
            rules.contains { ($0.match.product ?? product) == product && $0.match.route?.isPathGlob == true }
        }
        checkShapes = rules.map { CheckShape(key: $0.key, policy: $0.policy, shadow: $0.shadow) }
        matchShapes = rules.map { rule in
            let method = rule.match.method.flatMap { RequestMethod.packed(token: $0) }
            return MatchShape(
                product: rule.match.product, method: method, hasLongMethod: rule.match.method != nil && method == nil,
                pathSegmentCount: rule.match.route?.fixedPathSegmentCount)
        }
        routePatterns = rules.map(\.match.route)
    }

    /// The most rules any one request can match; the configuration keeps it at `maximumRulesPerRequest`.
    public var mostRulesPerRequest: Int {
        let perSupplier = supplierRules.values.map { generalRules.count - $0.replaced.count + $0.own.count }
        return perSupplier.reduce(generalRules.count, max)
    }

    /// The positions of the rules that apply to the request, in configuration order.
    public func matchingRules(route: Route, method: String, target: borrowing String, supplier: String) -> [Int] {
        var matching: [Int] = []
        target.withUTF8Bytes { bytes in
            forEachMatchingRule(route: route, method: method, target: bytes, supplier: supplier) { matching.append($0) }
        }
        return matching
    }

    /// Calls `body` with the position of each rule that applies to the request, in configuration order: the
    /// general rules its supplier's own do not replace, merged with those own rules. Allocates nothing.
    /// `target` is the path with its query, as received.
    func forEachMatchingRule(
        route: Route, method: String, target: UnsafeBufferPointer<UInt8>, supplier: String,
        _ body: (Int) -> Void
    ) {
        let own = supplierRules.isEmpty ? nil : supplierRules[supplier]
        let ownRules = own?.own ?? []
        let packedMethod = RequestMethod.packed(token: method)
        let product = route.product.caseIndex
        let hasPathGlobs = productHasPathGlobs[product]
        // Everything matching reads, through buffer pointers taken before any closure: a closure that captured
        // `self` copied the whole set (retaining each of its arrays), and arrays copied out of it first were
        // retained and released on every request.
        rules.withUnsafeBufferPointer { rules in
            matchShapes.withUnsafeBufferPointer { shapes in
                routePatterns.withUnsafeBufferPointer { patterns in
                    generalRulesByProduct[product].withUnsafeBufferPointer { generalRules in
                        func forEachMatch(segments: PathSegments?) {
                            func matches(_ position: Int) -> Bool {
                                let shape = shapes[position]
                                if let product = shape.product, product != route.product { return false }
                                if let wanted = shape.method, wanted != packedMethod { return false }
                                if shape.hasLongMethod, rules[position].match.method != method { return false }
                                if let count = shape.pathSegmentCount, let segments, segments.count != count {
                                    return false
                                }
                                return patterns[position]?.matches(routeName: route.name, segments: segments) ?? true
                            }
                            var nextOwn = 0
                            for position in generalRules {
                                while nextOwn < ownRules.count, ownRules[nextOwn] < position {
                                    if matches(ownRules[nextOwn]) { body(ownRules[nextOwn]) }
                                    nextOwn += 1
                                }
                                if own?.replaced.contains(position) != true, matches(position) { body(position) }
                            }
                            for position in ownRules[nextOwn...] where matches(position) { body(position) }
                        }
                        if hasPathGlobs {
                            PathSegments.with(pathOf: target) { forEachMatch(segments: $0) }
                        } else {
                            forEachMatch(segments: nil)
                        }
                    }
                }
            }
        }
    }

    /// The buckets the request draws from: the enforced rules' (a token from each or the request is
    /// refused) and the shadow rules' (counted, never refusing), each in configuration order.
    public func checks(
        route: Route, method: String, target: borrowing String, party: RequestParty
    ) -> (enforced: [LimiterCheck], shadow: [LimiterCheck]) {
        target.withUTF8Bytes { target in
            withChecks(route: route, method: method, target: target, party: party) { enforced, shadow in
                (Array(enforced), Array(shadow))
            }
        }
    }

    /// Runs `body` on the checks of `checks(route:method:target:party:)`, held in a buffer on the stack (or,
    /// for a set of more rules than fit there, the heap) instead of two arrays: the limiter's hot path.
    /// A rule is either enforced or shadow, so one check per rule is room for both: enforced ones fill the
    /// buffer from the front, shadow ones from the back (turned round before `body` sees them), which keeps
    /// the buffer half the size and, for a few dozen rules, on the stack. The subjects are filled in once the
    /// rules are known, each digested once however many rules key on it, and outside the matching closure:
    /// captured there, the party would be copied (its strings retained) on every request.
    func withChecks<Result>(
        route: Route, method: String, target bytes: UnsafeBufferPointer<UInt8>, party: borrowing RequestParty,
        _ body: (
            _ enforced: UnsafeMutableBufferPointer<LimiterCheck>, _ shadow: UnsafeMutableBufferPointer<LimiterCheck>
        )
            -> Result
    ) -> Result {
        checkShapes.withUnsafeBufferPointer { shapes in
            withUnsafeTemporaryAllocation(of: LimiterCheck.self, capacity: shapes.count) { buffer in
                var enforced = 0
                var shadow = shapes.count
                forEachMatchingRule(route: route, method: method, target: bytes, supplier: party.supplier) {
                    position in
                    let check = LimiterCheck(
                        rule: Int32(position), subject: LimiterSubject(first: 0, second: 0),
                        policy: shapes[position].policy)
                    if shapes[position].shadow {
                        shadow -= 1
                        (buffer.baseAddress! + shadow).initialize(to: check)
                    } else {
                        (buffer.baseAddress! + enforced).initialize(to: check)
                        enforced += 1
                    }
                }
                // The checks fill the buffer's two ends (a slot per rule): over them only, not the slots between.
                var subjects = InlineArray<5, LimiterSubject?>(repeating: nil)
                func fillSubject(_ index: Int) {
                    let key = shapes[Int(buffer[index].key.rule)].key
                    if subjects[key.rawValue] == nil { subjects[key.rawValue] = key.subject(for: party) }
                    buffer[index].key.subject = subjects[key.rawValue]!
                }
                for index in 0..<enforced { fillSubject(index) }
                for index in shadow..<buffer.count { fillSubject(index) }
                var shadowChecks = UnsafeMutableBufferPointer(rebasing: buffer[shadow...])
                shadowChecks.reverse()
                defer {
                    UnsafeMutableBufferPointer(rebasing: buffer[..<enforced]).deinitialize()
                    shadowChecks.deinitialize()
                }
                return body(UnsafeMutableBufferPointer(rebasing: buffer[..<enforced]), shadowChecks)
            }
        }
    }

    /// The same rules with each limit's burst and rate divided among `instances` (rounded down, at least one
    /// token each): what one of them may allow alone when they cannot share buckets.
    public func divided(among instances: Int) -> RateLimitRuleSet {
        guard instances > 1 else { return self }
        return RateLimitRuleSet(
            rules: rules.map { rule in
                var share = rule
                share.policy = rule.policy.scaled(by: 1 / Double(instances))
                return share
            })
    }
}
