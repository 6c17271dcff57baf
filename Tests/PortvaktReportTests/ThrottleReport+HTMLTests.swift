import PortvaktReport
import Testing

@Suite struct ThrottleReportHTMLTests {
    @Test func isOneSelfContainedUTF8Page() {
        let html = SampleReport.report.html
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</html>\n"))
        for outside in ["<script", "<link", "<img", "@import", "src=", "url(http", "@font-face"] {
            #expect(!html.contains(outside), "\(outside)")
        }
        // Links only within the page; the SVG namespace is a name, never fetched.
        let links = html.components(separatedBy: "href=\"").dropFirst()
        #expect(links.allSatisfy { $0.hasPrefix("#") })
    }

    @Test func escapesEveryTextFromTheReport() {
        var report = ReportFixture.report
        report.suppliers[0].supplier = "<b>x</b>"
        report.suppliers[1].violations[0].advice = #"Use "Events" & <stop> polling's"#
        report.notes = ["<script>alert(1)</script>"]
        let html = report.html
        #expect(!html.contains("<b>x</b>"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;</h2>"))
        #expect(html.contains("Use &quot;Events&quot; &amp; &lt;stop&gt; polling&#39;s"))
        #expect(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"))
    }

    @Test func drawsAChartPerSupplierWithUsageAndOmitsItWithout() {
        #expect(SampleReport.report.html.components(separatedBy: "<svg").count - 1 == 4)
        var report = SampleReport.report
        report.suppliers[0].usage = []
        #expect(report.html.components(separatedBy: "<svg").count - 1 == 3)
        let replayed = ReportFixture.report.html
        #expect(!replayed.contains("<svg"))
        #expect(replayed.contains(">312345676</h2>"))
    }

    @Test func theChartHasTimeLabelsALegendAndTheSanctionBand() {
        let html = SampleReport.report.html
        // A week from Friday 2026-11-20: a label a day at midnight UTC.
        for day in ["Fri 20 Nov", "Sat 21 Nov", "Thu 26 Nov", "Fri 27 Nov"] { #expect(html.contains(">\(day)</text>")) }
        #expect(html.contains("requests per hour</text>"))
        for series in ["allowed", "throttled", "blocked"] { #expect(html.contains("></i>\(series)</span>")) }
        #expect(html.contains("<title>cutoff from 2026-11-22 09:00:00 UTC to 2026-11-23 09:00:00 UTC</title>"))
        #expect(html.contains("<title>cutoff from 2026-11-25 15:00:00 UTC to no end set, manual: incident 42"))
        #expect(html.contains("fill=\"url(#manual-3)\""))
    }

    @Test func showsEachLevelAsABadgeAndMarksAdvisoryViolations() {
        let html = SampleReport.report.html
        #expect(html.contains("<span class=\"badge none\">none</span>"))
        #expect(html.contains("<span class=\"badge notice\">notice</span>"))
        #expect(html.contains("<span class=\"badge cutoff\">cutoff</span>"))
        #expect(html.components(separatedBy: "advice only</span>").count - 1 == 2)
    }

    @Test func showsEachCutoffNoticeAsALetter() {
        let html = SampleReport.report.html
        #expect(html.components(separatedBy: "<article class=\"letter\">").count - 1 == 2)
        #expect(html.contains("Written notice · terms §1.2.4, §7.1</p>"))
        #expect(html.contains("Written notice · terms §1.2.8, §7.1</p>"))
        #expect(html.contains("<p class=\"lead\">How to get back in:</p><ul><li>The cut-off ends by itself at"))
    }
}
