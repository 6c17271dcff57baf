import PortvaktCore
import Testing

@testable import PortvaktConfig

@Suite struct LimitRuleTests {
    typealias LimitRule = PortvaktConfiguration.LimitRule

    @Test func readsARuleWithEveryField() throws {
        let limits = try parsed(
            """
            limits:
              - name: broker-search
                match: { product: broker, method: get, route: /broker/api/v1/filetransfer, supplier: "312345676" }
                key: supplier+customer
                rate: 10/m
                burst: 3
                shadow: true
            """
        ).limits
        #expect(
            limits == [
                LimitRule(
                    name: "broker-search",
                    match: .init(
                        product: "broker", method: "GET", route: "/broker/api/v1/filetransfer", supplier: "312345676"),
                    key: .supplierAndCustomer, rate: Rate(count: 10, period: .seconds(60)), burst: 3, shadow: true)
            ])
    }

    @Test func defaultsMatchKeyBurstAndShadow() throws {
        let limits = try parsed("limits: [{ name: everything, rate: 2/s }]").limits
        #expect(limits == [LimitRule(name: "everything", rate: Rate(count: 2, period: .seconds(1)), burst: 2)])
        #expect(limits[0].match == .init())
        #expect(limits[0].key == .supplier)
        #expect(limits[0].shadow == false)
    }

    @Test func takesAnEmptyListAsNoLimits() throws {
        #expect(try parsed("limits: []").limits.isEmpty)
    }

    @Test func defaultsToDialogportenAndBrokersPublishedLimits() {
        let limits = PortvaktConfiguration.defaultLimits
        #expect(
            limits.first
                == LimitRule(
                    name: "dialogporten-default", match: .init(product: "dialogporten"), key: .supplier,
                    rate: Rate(count: 120, period: .seconds(60)), burst: 120))
        let broker = limits.dropFirst()
        #expect(broker.count == 8)
        #expect(
            broker.allSatisfy { $0.match.product == "broker" && $0.key == .clientID && $0.rate.period == .seconds(60) })
        #expect(broker.filter { $0.rate.count == 10 }.map(\.name) == ["broker-details", "broker-search"])
    }

    @Test func reportsABadRate() {
        let yaml = """
            limits:
              - name: a
                rate: fast
            """
        #expect(problems(yaml) == ["portvakt.yaml:3:11: invalid rate 'fast': a rate looks like 120/60s or 2/s"])
    }

    @Test func reportsARepeatedNameWhereItRepeats() {
        let yaml = """
            limits:
              - name: same
                rate: 1/s
              - name: other
                rate: 1/s
              - name: same
                rate: 2/s
            """
        #expect(problems(yaml) == ["portvakt.yaml:6:11: duplicate limit rule name 'same' (first used on line 2)"])
    }

    @Test func reportsBadMatchFields() {
        let yaml = """
            limits:
              - name: a
                rate: 1/s
                key: suplier
                burst: 0
                match:
                  product: dialogport
                  supplier: acme
                  path: /x
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:4:10: invalid key kind 'suplier': expected one of supplier, client_id, customer, "
                    + "supplier+customer, ip (did you mean 'supplier'?)",
                "portvakt.yaml:5:12: invalid number '0': must be at least 1",
                "portvakt.yaml:7:16: invalid product 'dialogport': expected one of dialogporten, correspondence, "
                    + "broker, events, storage, apps, authentication, unknown (did you mean 'dialogporten'?)",
                "portvakt.yaml:8:17: invalid supplier 'acme': expected a 9-digit organisation number or anonymous",
                "portvakt.yaml:9:7: unknown key 'path' in limits[0].match",
            ])
    }

    @Test func refusesNamesThatCannotGoIntoAHeader() {
        #expect(
            problems("limits: [{ name: 'my rule', rate: 1/s }]") == [
                "portvakt.yaml:1:18: invalid rule name 'my rule': use letters, digits, '.', '_' and '-'"
            ])
    }

    @Test func checksRouteNamesAgainstTheCatalogue() {
        let yaml = """
            limits:
              - { name: a, rate: 1/s, match: { route: broker.filetransfer.serch } }
              - { name: b, rate: 1/s, match: { route: broker.* } }
              - { name: c, rate: 1/s, match: { route: /anything/*/goes } }
              - { name: d, rate: 1/s, match: { route: dialogporten.enduser.dialogs.search } }
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:43: invalid route 'broker.filetransfer.serch': expected a route name from the "
                    + "catalogue such as broker.filetransfer.search (did you mean 'broker.filetransfer.search'?), "
                    + "a name glob such as broker.*, or a path glob starting with /"
            ])
    }

    @Test func reportsARateBeyondTheLimitersExactRange() {
        let yaml = """
            limits:
              - name: a
                rate: 2000000000/s
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:3:11: rate 2000000000/1s with burst 2000000000 is out of range: at most 1000000000 "
                    + "per period, periods up to 7d, and a drained bucket must refill within 70 years"
            ])
    }

    @Test func refusesMoreRulesPerRequestThanTheLimiterTakes() {
        let rules = (0...64).map { "  - { name: r\($0), rate: 1/s }" }.joined(separator: "\n")
        #expect(
            problems("limits:\n" + rules) == [
                "portvakt.yaml:2:3: up to 65 rules can match one request; at most 64 may"
            ])
    }

    @Test func becomesTheLimitersRuleSet() throws {
        let configuration = try parsed(
            """
            limits:
              - name: big
                match: { product: broker, method: get, route: /broker/api/v1/filetransfer, supplier: "312345676" }
                key: supplier+customer
                rate: 10/m
                burst: 3
                shadow: true
            """)
        let ruleSet = try #require(RateLimitRuleSet(configuration: configuration.limits))
        #expect(
            ruleSet.rules == [
                RateLimitRule(
                    name: "big",
                    match: .init(
                        product: .broker, method: "GET", route: RoutePattern("/broker/api/v1/filetransfer"),
                        supplier: "312345676"),
                    key: .supplierAndCustomer,
                    policy: try #require(TokenBucketPolicy(burst: 3, count: 10, periodNanoseconds: 60_000_000_000)),
                    shadow: true)
            ])
        #expect(RateLimitRuleSet(configuration: PortvaktConfiguration.defaultLimits)?.rules.count == 9)
    }

    /// Issue: check-config reports a route glob that matches nothing; a `{param}` in the catalogue fits any
    /// segment, and paths outside the platform products (an app's) are left to the operator.
    @Test func reportsARouteGlobThatMatchesNothing() {
        let yaml = """
            limits:
              - { name: a, rate: 1/s, match: { route: brokr.* } }
              - { name: b, rate: 1/s, match: { route: /broker/api/v1/filetransfer/*/downlod } }
              - { name: c, rate: 1/s, match: { route: /broker/api/v1/filetransfer/f1/download } }
              - { name: d, rate: 1/s, match: { route: /dialogporten/** } }
              - { name: e, rate: 1/s, match: { route: "*.search" } }
              - { name: f, rate: 1/s, match: { route: /ttd/some-app/** } }
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:43: invalid route 'brokr.*': matches no route in the catalogue",
                "portvakt.yaml:3:43: invalid route '/broker/api/v1/filetransfer/*/downlod': matches no route in the "
                    + "catalogue",
            ])
    }
}
