import PortvaktCore
import Testing

@Suite struct TermsRulesTests {
    private static let list = Route(product: .correspondence, name: "correspondence.correspondence.list")
    private static let page = Route(product: .unknown, name: "unknown")

    private func scrape(_ rules: inout TermsRules, times: Int) -> [String?] {
        (0..<times).map { index in
            rules.observe(
                time: Int64(index), supplier: "312345676", customer: nil, route: Self.page, status: 404,
                isBrowserLike: true)
        }
    }

    @Test func advisoryFindingsAreReportedAndNeverEscalate() {
        var rules = TermsRules(settings: .init(meldingOverview: .init(minimum: 2), scraping: .init(minimum: 2)))
        #expect(scrape(&rules, times: 3).allSatisfy { $0 == nil })
        for customer in ["1", "2"] {
            let escalating = rules.observe(
                time: 5, supplier: "313000001", customer: customer, route: Self.list, status: 200,
                isBrowserLike: false)
            #expect(escalating == nil)
        }
        #expect(rules.findings.map(\.rule) == ["2.2-melding-overview", "7.1-scraping"])
        #expect(rules.findings.map(\.supplier) == ["313000001", "312345676"])
        #expect(rules.findings.map(\.isAdvisory) == [true, true])
    }

    @Test func anEscalatingRuleNamesItselfFromTheThresholdOn() {
        var rules = TermsRules(
            settings: .init(meldingOverview: .init(minimum: 2), scraping: .init(minimum: 2, escalates: true)))
        #expect(scrape(&rules, times: 3) == [nil, "7.1-scraping", "7.1-scraping"])
        #expect(rules.findings.map(\.isAdvisory) == [false])
    }

    @Test func aDisabledRuleSeesNothing() {
        var rules = TermsRules(settings: .init(meldingOverview: nil, scraping: nil))
        #expect(scrape(&rules, times: 20).allSatisfy { $0 == nil })
        #expect(rules.findings.isEmpty)
    }
}
