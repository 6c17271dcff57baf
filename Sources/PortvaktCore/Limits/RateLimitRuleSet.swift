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
    /// Per supplier: the positions of its own rules, and of the general rules they replace for it.
    private let supplierRules: [String: (own: [Int], replaced: Set<Int>)]
    /// Whether any rule matches on a path glob; only then is a request's path split into segments.
    private let hasPathGlobs: Bool

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
        hasPathGlobs = rules.contains { $0.match.route?.isPathGlob == true }
    }

    /// The most rules any one request can match; the configuration keeps it at `maximumRulesPerRequest`.
    public var mostRulesPerRequest: Int {
        let perSupplier = supplierRules.values.map { generalRules.count - $0.replaced.count + $0.own.count }
        return perSupplier.reduce(generalRules.count, max)
    }

    /// The positions of the rules that apply to the request, in configuration order.
    public func matchingRules(route: Route, method: String, target: Substring, supplier: String) -> [Int] {
        let own = supplierRules[supplier]
        let pathSegments = hasPathGlobs ? RoutePattern.pathSegments(of: target) : []
        var matching: [Int] = []
        for position in generalRules where own?.replaced.contains(position) != true {
            if rules[position].matches(route: route, method: method, pathSegments: pathSegments) {
                matching.append(position)
            }
        }
        for position in own?.own ?? []
        where rules[position].matches(route: route, method: method, pathSegments: pathSegments) {
            matching.append(position)
        }
        return own == nil ? matching : matching.sorted()
    }

    /// The buckets the request draws from: the enforced rules' (a token from each or the request is
    /// refused) and the shadow rules' (counted, never refusing), each in configuration order.
    public func checks(
        route: Route, method: String, target: Substring, party: RequestParty
    ) -> (enforced: [LimiterCheck], shadow: [LimiterCheck]) {
        var enforced: [LimiterCheck] = []
        var shadow: [LimiterCheck] = []
        for position in matchingRules(route: route, method: method, target: target, supplier: party.supplier) {
            let rule = rules[position]
            let check = LimiterCheck(rule: Int32(position), subject: rule.subject(for: party), policy: rule.policy)
            if rule.shadow { shadow.append(check) } else { enforced.append(check) }
        }
        return (enforced, shadow)
    }
}
