import PortvaktReport
import Testing

@Suite struct ThrottleReportCutoffNoticeTests {
    typealias F = SampleReport

    private static func violation(
        _ rule: String, firstSeen: Int64, advice: String = "Subscribe to Altinn Events.", advisory: Bool = false
    ) -> ThrottleReport.Violation {
        .init(
            rule: rule, product: "dialogporten", route: "dialogporten.enduser.dialogs.search", customers: 12,
            requests: 500, medianIntervalSeconds: 30, unchangedRatio: 0.96, firstSeen: firstSeen,
            lastSeen: firstSeen + F.hour, advice: advice, isAdvisory: advisory)
    }

    private static func supplier(
        _ violations: [ThrottleReport.Violation], _ sanctions: [ThrottleReport.SanctionPeriod]
    ) -> ThrottleReport.Supplier {
        .init(supplier: "987654321", level: .cutoff, violations: violations, sanctions: sanctions)
    }

    private static let cutoff = ThrottleReport.SanctionPeriod(
        level: .cutoff, since: F.at(day: 1, hour: 0), until: F.at(day: 2, hour: 0), isManual: false, reason: nil)

    @Test func everyCutoffAndNothingElseGetsANotice() {
        let notice = ThrottleReport.SanctionPeriod(
            level: .notice, since: F.start, until: F.at(day: 0, hour: 6), isManual: false, reason: nil)
        var second = Self.cutoff
        second.since = F.at(day: 3, hour: 0)
        second.until = nil
        let notices = Self.supplier([], [notice, Self.cutoff, second]).cutoffNotices
        #expect(notices.map(\.since) == [Self.cutoff.since, second.since])
        #expect(notices.map(\.until) == [Self.cutoff.until, nil])
        #expect(notices.allSatisfy { $0.supplier == "987654321" })
    }

    @Test func anAutomaticCutoffCitesSection124WithTheEvidenceBeforeIt() throws {
        let before = Self.violation("1.2.4-polling", firstSeen: F.start)
        let after = Self.violation("1.2.4-rate", firstSeen: F.at(day: 1, hour: 1))
        let advisory = Self.violation("2.2-melding-overview", firstSeen: F.start, advisory: true)
        let notice = try #require(Self.supplier([before, after, advisory], [Self.cutoff]).cutoffNotices.first)
        #expect(notice.sections == ["1.2.4"])
        #expect(notice.evidence == [before])
        #expect(notice.subject == "Written notice to supplier 987654321: access to the Altinn APIs cut off")
        #expect(
            notice.paragraphs[0]
                == "Portvakt cut off your systems' access to the Altinn APIs from 2026-11-21 00:00:00 UTC until "
                + "2026-11-22 00:00:00 UTC. While the cut-off lasts, every request is answered 403 Forbidden. This "
                + "notice says what was seen, which sections of the terms of use it concerns, and how to get back in.")
        #expect(
            notice.paragraphs[1]
                == "What was seen:\n- 1.2.4-polling on dialogporten.enduser.dialogs.search (dialogporten): 500 "
                + "requests for 12 customers from 2026-11-20 00:00:00 UTC to 2026-11-20 01:00:00 UTC, a median "
                + "30.0 s apart, 96 % of the answers unchanged.")
        #expect(notice.paragraphs[2].hasPrefix("The terms of use concerned:\n- §1.2.4, efficient and sustainable"))
        #expect(
            notice.paragraphs[3]
                == "How to get back in:\n- The cut-off ends by itself at 2026-11-22 00:00:00 UTC, or earlier if an "
                + "operator lifts it; you need not ask.\n- For dialogporten.enduser.dialogs.search: Subscribe to "
                + "Altinn Events.\n- Once access is back, further violations climb the sanction ladder again, from "
                + "notice through throttle to another cut-off.")
        #expect(notice.text == ([notice.subject] + notice.paragraphs).joined(separator: "\n\n"))
    }

    @Test func scrapingAmongTheEvidenceAddsSection71AndEachAdviceOnce() throws {
        let polling = Self.violation("1.2.4-polling", firstSeen: F.start)
        let again = Self.violation("1.2.4-rate", firstSeen: F.start)
        let scraping = Self.violation("7.1-scraping", firstSeen: F.start, advice: "Use the API, not the pages.")
        let notice = try #require(Self.supplier([polling, again, scraping], [Self.cutoff]).cutoffNotices.first)
        #expect(notice.sections == ["1.2.4", "7.1"])
        #expect(notice.paragraphs[2].contains("- §7.1: misuse, screen scraping among it, is a material breach"))
        #expect(notice.paragraphs[3].components(separatedBy: "Subscribe to Altinn Events.").count == 2)
        #expect(notice.paragraphs[3].contains("Use the API, not the pages."))
    }

    @Test func aManualCutoffCitesSection128WithItsReasonAndAdvisoryFindings() throws {
        let scraping = Self.violation("7.1-scraping", firstSeen: F.start, advisory: true)
        let manual = ThrottleReport.SanctionPeriod(
            level: .cutoff, since: F.at(day: 1, hour: 0), until: nil, isManual: true, reason: "incident 42")
        let notice = try #require(Self.supplier([scraping], [manual]).cutoffNotices.first)
        #expect(notice.sections == ["1.2.8", "7.1"])
        #expect(notice.evidence == [scraping])
        #expect(notice.paragraphs[0].hasPrefix("An operator cut off your systems' access to the Altinn APIs from "))
        #expect(notice.paragraphs[0].contains("until an operator lifts it. The reason given: incident 42."))
        #expect(notice.paragraphs[1].contains("(reported as advice)."))
        #expect(notice.paragraphs[2].contains("- §1.2.8: Digdir may disconnect"))
        #expect(notice.paragraphs[3].contains("- The cut-off lasts until an operator lifts it"))
    }

    @Test func withoutEvidenceInThePeriodTheNoticeSaysSo() throws {
        let notice = try #require(Self.supplier([], [Self.cutoff]).cutoffNotices.first)
        #expect(notice.evidence.isEmpty)
        #expect(notice.paragraphs[1].contains("No violation in the period of this report precedes the cut-off"))
    }
}
