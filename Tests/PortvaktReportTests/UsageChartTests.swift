import PortvaktCore
import Testing

@testable import PortvaktReport

@Suite struct UsageChartTests {
    typealias F = SampleReport

    private static func hour(_ index: Int, requests: Int) -> ThrottleReport.UsageHour {
        .init(hour: F.start + Int64(index) * F.hour, requests: requests, allowed: requests, throttled: 0, blocked: 0)
    }

    @Test func spansAllSuppliersHoursWidenedToTheReportsWholeHours() throws {
        let report = ThrottleReport(
            from: F.start - F.hour / 2, until: F.start + 3 * F.hour + 1,
            suppliers: [
                .init(supplier: "a", usage: [Self.hour(1, requests: 5)]),
                .init(supplier: "b", usage: [Self.hour(0, requests: 5), Self.hour(2, requests: 5)]),
            ], rules: [])
        #expect(UsageChart.span(of: report) == (F.start - F.hour)..<(F.start + 4 * F.hour))
        #expect(UsageChart.span(of: ReportFixture.report) == nil)
    }

    @Test func aShortSpanIsLabelledByTheHourAndTheAxisEndsAboveTheBusiestHour() {
        let chart = UsageChart(
            span: F.start..<(F.start + 3 * F.hour), usage: [Self.hour(0, requests: 7), Self.hour(1, requests: 130)],
            sanctions: [], label: "x", number: 0)
        let svg = chart.svg
        #expect(svg.contains(">Fri 20 Nov</text>"))
        #expect(svg.contains(">01:00</text>"))
        #expect(svg.contains(">03:00</text>"))
        // 130 requests: 0, 50, 100, 150, 200 on the requests axis.
        #expect(svg.contains(">200</text>"))
        #expect(!svg.contains(">250</text>"))
        #expect(svg.components(separatedBy: "<g><title>").count - 1 == 2)
        #expect(
            svg.contains("<title>2026-11-20 01:00:00 UTC: 130 requests, 130 allowed, 0 throttled, 0 blocked</title>"))
    }

    @Test func aSanctionIsClippedToTheSpanAndOneOutsideItIsLeftOut() {
        let chart = UsageChart(
            span: F.start..<(F.start + 24 * F.hour), usage: [Self.hour(0, requests: 1)],
            sanctions: [
                .init(
                    level: .throttle, since: F.start - 5 * F.hour, until: F.start + 12 * F.hour, isManual: false,
                    reason: nil),
                .init(level: .cutoff, since: F.start + 30 * F.hour, until: nil, isManual: false, reason: nil),
            ], label: "x", number: 0)
        let svg = chart.svg
        // The plot runs from x 56 to 1086: half the day is 515 units.
        #expect(svg.contains("<rect x=\"56\" y=\"186\" width=\"515\" height=\"16\" fill=\"#f97316\"/>"))
        #expect(!svg.contains("#b91c1c"))
    }

    /// A month of hours is drawn as bars of several hours each, summed, at most `maxBars` of them.
    @Test func aLongSpanSumsHoursIntoFewerBars() {
        let usage = (0..<720).map { Self.hour($0, requests: 1) }
        let chart = UsageChart(
            span: F.start..<(F.start + 720 * F.hour), usage: usage, sanctions: [], label: "x", number: 0)
        let svg = chart.svg
        #expect(svg.components(separatedBy: "<g><title>").count - 1 == 240)
        #expect(
            svg.contains("<title>2026-11-20 00:00:00 UTC (3 h): 3 requests, 3 allowed, 0 throttled, 0 blocked</title>"))
    }
}
