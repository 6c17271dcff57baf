import PortvaktReport
import Testing

@Suite struct ThrottleReportTextTests {
    @Test func showsATableWithTotalsViolationsRulesAndNotes() {
        let expected = """
            Throttle report, 2026-11-24T06:00:00.810Z to 2026-11-24T18:00:00.000Z

            supplier   requests  allowed  throttled  blocked  would_throttle  level
            312345676      1234     1200         30        4              17  -
            987654321       500      500          0        0               0  notice
            total          1734     1700         30        4              17

            Violations:
              987654321: 1.2.4-polling dialogporten.enduser.dialogs.search: 500 requests for 12 customers, \
            a median 30.0 s apart, 96 % unchanged. Subscribe to Altinn Events.

            Rules that refused most:
              rule                  refusals
              dialogporten-default        15
              trial (shadow)               2

            Notes:
            - The access log has no client addresses.

            """
        #expect(ReportFixture.report.text == expected)
    }

    @Test func listsAtMostTenRules() {
        let rules = (1...12).map { ThrottleReport.RuleRefusals(rule: "rule-\($0)", shadow: false, refusals: 13 - $0) }
        let text = ThrottleReport(from: nil, until: nil, suppliers: [], rules: rules).text
        #expect(text.contains("rule-10"))
        #expect(!text.contains("rule-11"))
        #expect(text.contains("… and 2 more"))
        #expect(text.hasPrefix("Throttle report, - to -\n"))
    }
}
