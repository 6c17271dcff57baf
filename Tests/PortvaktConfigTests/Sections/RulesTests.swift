import PortvaktCore
import Testing

@testable import PortvaktConfig

@Suite struct RulesTests {
    @Test func defaultsToBothRulesOnAndAdvisory() {
        #expect(
            TermsRules.Settings(configuration: PortvaktConfiguration.Rules.default)
                == .init(meldingOverview: .init(minimum: 10), scraping: .init(minimum: 10)))
    }

    @Test func readsEveryKey() throws {
        let yaml = """
            rules:
              melding_overview: { enabled: false, min_customers: 25 }
              scraping: { min_requests: 3, escalate: true }
            """
        let rules = try parsed(yaml).rules
        #expect(rules.meldingOverview == .init(enabled: false, minimum: 25, escalate: false))
        #expect(rules.scraping == .init(enabled: true, minimum: 3, escalate: true))
        #expect(
            TermsRules.Settings(configuration: rules)
                == .init(meldingOverview: nil, scraping: .init(minimum: 3, escalates: true)))
    }

    @Test func reportsUnknownKeysAndBadValues() {
        let yaml = """
            rules:
              scraping: { min_customers: 3, escalate: sometimes }
              spam: {}
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:15: unknown key 'min_customers' in rules.scraping",
                "portvakt.yaml:2:43: invalid boolean 'sometimes': write true or false",
                "portvakt.yaml:3:3: unknown key 'spam' in rules",
            ])
    }
}
