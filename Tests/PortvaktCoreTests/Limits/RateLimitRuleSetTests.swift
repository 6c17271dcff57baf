import PortvaktCore
import Testing

@Suite struct RateLimitRuleSetTests {
    private static let policy = LimitsFixture.policy(burst: 10, count: 10, period: 60 * LimitsFixture.second)
    private static let search = Route(product: .broker, name: "broker.filetransfer.search")
    private static let supplier = RequestParty(
        supplier: "312345676", customer: "313999998", clientID: "5c1b0a4e", address: "192.0.2.7")

    private static func rule(
        _ name: String, _ match: RateLimitRule.Match = .init(), key: RateLimitRule.KeyKind = .supplier,
        shadow: Bool = false
    ) -> RateLimitRule {
        RateLimitRule(name: name, match: match, key: key, policy: policy, shadow: shadow)
    }

    private func names(_ set: RateLimitRuleSet, route: Route = search, method: String = "GET", supplier: String)
        -> [String]
    {
        set.matchingRules(route: route, method: method, target: "/broker/api/v1/filetransfer?x=1", supplier: supplier)
            .map { set.rules[$0].name }
    }

    @Test func everyMatchingRuleAppliesInConfigurationOrder() {
        let set = RateLimitRuleSet(rules: [
            Self.rule("all"),
            Self.rule("broker", .init(product: .broker)),
            Self.rule("dialogporten", .init(product: .dialogporten)),
            Self.rule("get", .init(method: "GET")),
            Self.rule("post", .init(method: "POST")),
            Self.rule("by-name", .init(route: RoutePattern("broker.filetransfer.search"))),
            Self.rule("by-path", .init(product: .broker, route: RoutePattern("/broker/api/v1/filetransfer"))),
            Self.rule("other-path", .init(route: RoutePattern("/broker/api/v1/filetransfer/*"))),
        ])
        #expect(names(set, supplier: "312345676") == ["all", "broker", "get", "by-name", "by-path"])
        #expect(names(set, method: "POST", supplier: "312345676") == ["all", "broker", "post", "by-name", "by-path"])
    }

    /// Each product's request passes over the rules of its own product and those of none, in configuration
    /// order, merged with its supplier's own rules of that product.
    @Test func aRequestMatchesTheRulesOfItsProductAndOfNoProduct() {
        var rules = [Self.rule("first")]
        for product in Product.allCases {
            rules.append(Self.rule("\(product)", .init(product: product)))
            rules.append(Self.rule("\(product)-own", .init(product: product, method: "GET", supplier: "312345676")))
        }
        rules.append(Self.rule("last"))
        let set = RateLimitRuleSet(rules: rules)
        for product in Product.allCases {
            let route = Route(product: product, name: "\(product).x")
            #expect(
                names(set, route: route, supplier: "312345676") == ["first", "\(product)", "\(product)-own", "last"])
            #expect(names(set, route: route, supplier: "310000000") == ["first", "\(product)", "last"])
        }
    }

    /// Methods are matched as packed words up to seven bytes and as text beyond: both must tell apart tokens
    /// that share a prefix.
    @Test func aRuleMatchesExactlyItsMethodToken() {
        let set = RateLimitRuleSet(rules: [
            Self.rule("get", .init(method: "GET")),
            Self.rule("propfind", .init(method: "PROPFIND")),
            Self.rule("propfinder", .init(method: "PROPFINDER")),
        ])
        #expect(names(set, method: "GET", supplier: "312345676") == ["get"])
        #expect(names(set, method: "GETS", supplier: "312345676") == [])
        #expect(names(set, method: "GET\0", supplier: "312345676") == [])
        #expect(names(set, method: "PROPFIND", supplier: "312345676") == ["propfind"])
        #expect(names(set, method: "PROPFINDER", supplier: "312345676") == ["propfinder"])
        #expect(names(set, method: "PROPFINDERS", supplier: "312345676") == [])
    }

    @Test func aSupplierRuleReplacesTheGeneralRuleWithTheSameMatchForThatSupplierOnly() {
        let set = RateLimitRuleSet(rules: [
            Self.rule("broker-default", .init(product: .broker)),
            Self.rule("everything", .init()),
            Self.rule("big-supplier", .init(product: .broker, supplier: "312345676")),
            Self.rule("big-supplier-extra", .init(method: "GET", supplier: "312345676")),
        ])
        #expect(names(set, supplier: "312345676") == ["everything", "big-supplier", "big-supplier-extra"])
        #expect(names(set, supplier: "999999999") == ["broker-default", "everything"])
        #expect(set.mostRulesPerRequest == 3)
    }

    @Test func checksSplitEnforcedFromShadowAndKeyEachRuleOnItsSubject() {
        let set = RateLimitRuleSet(rules: [
            Self.rule("by-supplier", key: .supplier),
            Self.rule("by-client", key: .clientID),
            Self.rule("by-customer", key: .customer, shadow: true),
            Self.rule("by-pair", key: .supplierAndCustomer),
            Self.rule("by-ip", key: .ip, shadow: true),
        ])
        let checks = set.checks(route: Self.search, method: "GET", target: "/broker", party: Self.supplier)
        #expect(checks.enforced.map(\.key.rule) == [0, 1, 3])
        #expect(checks.shadow.map(\.key.rule) == [2, 4])
        #expect(
            checks.enforced.map(\.key) == [
                LimiterKey(rule: 0, subject: "312345676"),
                LimiterKey(rule: 1, subject: "client:5c1b0a4e"),
                LimiterKey(rule: 3, subject: "312345676+313999998"),
            ])
        #expect(
            checks.shadow.map(\.key) == [
                LimiterKey(rule: 2, subject: "313999998"), LimiterKey(rule: 4, subject: "192.0.2.7"),
            ])
        #expect(checks.enforced.allSatisfy { $0.policy == Self.policy })
    }

    /// A request without a valid token never draws from a supplier's bucket, whatever the rule keys on.
    @Test func anonymousRequestsShareOneBucketPerAddress() {
        let set = RateLimitRuleSet(rules: [
            Self.rule("by-supplier", key: .supplier), Self.rule("by-client", key: .clientID),
            Self.rule("by-customer", key: .customer), Self.rule("by-ip", key: .ip),
        ])
        let checks = set.checks(
            route: Self.search, method: "GET", target: "/", party: .anonymous(address: "198.51.100.1"))
        #expect(
            checks.enforced.map(\.key.subject) == Array(repeating: LimiterSubject("anonymous@198.51.100.1"), count: 4))
    }

    @Test func aSupplierWithoutClientIDOrCustomerFallsBackToItself() {
        let set = RateLimitRuleSet(rules: [
            Self.rule("by-client", key: .clientID), Self.rule("by-customer", key: .customer),
            Self.rule("by-pair", key: .supplierAndCustomer),
        ])
        let party = RequestParty(supplier: "312345676", customer: nil, clientID: nil, address: "192.0.2.7")
        let checks = set.checks(route: Self.search, method: "GET", target: "/", party: party)
        #expect(
            checks.enforced.map(\.key.subject)
                == ["312345676", "312345676", "312345676+312345676"].map(LimiterSubject.init))
    }

    @Test func aRuleForAnonymousAppliesOnlyToRequestsWithoutAValidToken() {
        let set = RateLimitRuleSet(rules: [Self.rule("strangers", .init(supplier: "anonymous"), key: .ip)])
        #expect(names(set, supplier: "anonymous") == ["strangers"])
        #expect(names(set, supplier: "312345676").isEmpty)
    }
}
