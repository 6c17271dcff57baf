import PortvaktCore

extension RateLimitRuleSet {
    /// The limiter's view of the configured rules; nil when a rule's numbers are beyond the limiter's
    /// exact range, which reading the configuration already reports.
    public init?(configuration rules: [PortvaktConfiguration.LimitRule]) {
        var converted: [RateLimitRule] = []
        for rule in rules {
            guard let policy = rule.bucketPolicy else { return nil }
            converted.append(
                RateLimitRule(
                    name: rule.name,
                    match: RateLimitRule.Match(
                        product: rule.match.product.flatMap(Product.init(rawValue:)), method: rule.match.method,
                        route: rule.match.route.map(RoutePattern.init), supplier: rule.match.supplier),
                    key: RateLimitRule.KeyKind(rule.key), policy: policy, shadow: rule.shadow))
        }
        self.init(rules: converted)
    }
}

extension RateLimitRule.KeyKind {
    init(_ kind: PortvaktConfiguration.LimitRule.KeyKind) {
        self =
            switch kind {
            case .supplier: .supplier
            case .clientID: .clientID
            case .customer: .customer
            case .supplierAndCustomer: .supplierAndCustomer
            case .ip: .ip
            }
    }
}
