import PortvaktCore

extension PortvaktConfiguration {
    /// One limit: a token bucket per key value that holds `burst` tokens, refills at `rate` and starts full.
    /// Every rule whose `match` fits a request applies; the request needs a token from each.
    public struct LimitRule: Sendable, Equatable {
        /// Unique; names the rule in `RateLimit-Policy`, problem details, reports and metrics.
        public var name: String
        public var match: Match
        public var key: KeyKind
        public var rate: Rate
        public var burst: Int
        /// Count and report, never refuse.
        public var shadow: Bool

        /// Which requests a rule applies to; an absent field matches everything.
        public struct Match: Sendable, Equatable {
            /// One of `PortvaktConfiguration.productNames`.
            public var product: String?
            /// In capitals.
            public var method: String?
            /// Left for the route catalogue to interpret: by the convention of the shipped config, a value starting
            /// with `/` is a path glob (`*` standing for one path segment), anything else a catalogue route name.
            public var route: String?
            /// A 9-digit organisation number, or `anonymous`.
            public var supplier: String?

            public init(product: String? = nil, method: String? = nil, route: String? = nil, supplier: String? = nil) {
                self.product = product
                self.method = method
                self.route = route
                self.supplier = supplier
            }
        }

        /// Whose bucket a request draws from.
        public enum KeyKind: String, Sendable, Equatable, CaseIterable {
            case supplier
            case clientID = "client_id"
            case customer
            case supplierAndCustomer = "supplier+customer"
            case ip
        }

        public init(
            name: String, match: Match = Match(), key: KeyKind = .supplier, rate: Rate, burst: Int, shadow: Bool = false
        ) {
            self.name = name
            self.match = match
            self.key = key
            self.rate = rate
            self.burst = burst
            self.shadow = shadow
        }
    }
}

extension PortvaktConfiguration.LimitRule {
    /// Reads one rule; `burst` defaults to the rate's count, so a fresh bucket allows one period's worth at once.
    init?(reading section: SectionReader) {
        let name = section.required("name", .ruleName)
        let match = section.section("match", Match.init(reading:)) ?? Match()
        let key = section.scalar("key", .oneOf(KeyKind.self, noun: "key kind")) ?? .supplier
        let rate = section.required("rate", .rate)
        let burst = section.scalar("burst", .integer(atLeast: 1))
        let shadow = section.scalar("shadow", .boolean) ?? false
        guard let name, let rate else { return nil }
        self.init(name: name, match: match, key: key, rate: rate, burst: burst ?? rate.count, shadow: shadow)
        guard bucketPolicy != nil else {
            section.report(
                "rate \(rate) with burst \(self.burst) is out of range: at most "
                    + "\(TokenBucketPolicy.maximumCount) per period, periods up to 7d, and a drained bucket must "
                    + "refill within 70 years", at: "rate")
            return nil
        }
    }

    /// The token bucket this rule describes; nil when the numbers are beyond what the limiter computes exactly.
    public var bucketPolicy: TokenBucketPolicy? {
        TokenBucketPolicy(burst: burst, count: Int64(rate.count), periodNanoseconds: rate.period.nanoseconds)
    }

    /// The `limits` list, with a repeated rule name reported where it repeats.
    static func readAll(from root: SectionReader) -> [Self]? {
        var firstLineOfName: [String: Int] = [:]
        let rules: [Self]? = root.list("limits") { item in
            guard let rule = Self(reading: item) else { return nil }
            if let line = firstLineOfName[rule.name] {
                item.report("duplicate limit rule name '\(rule.name)' (first used on line \(line))", at: "name")
            } else {
                firstLineOfName[rule.name] = item.mark(of: "name")?.line
            }
            return rule
        }
        if let rules, let ruleSet = RateLimitRuleSet(configuration: rules),
            ruleSet.mostRulesPerRequest > RateLimitRuleSet.maximumRulesPerRequest
        {
            root.report(
                "up to \(ruleSet.mostRulesPerRequest) rules can match one request; at most "
                    + "\(RateLimitRuleSet.maximumRulesPerRequest) may", at: "limits")
        }
        return rules
    }
}

extension PortvaktConfiguration.LimitRule.Match {
    init(reading section: SectionReader) {
        self.init(
            product: section.scalar("product", .product),
            method: section.scalar("method", .httpMethod),
            route: section.scalar("route", .routePattern),
            supplier: section.scalar("supplier", .supplier))
    }
}
