import PortvaktReport
import Testing

@Suite struct ThrottleReportFormatTests {
    @Test func eachFormatRendersItsOwnWay() {
        let report = ReportFixture.report
        #expect(ThrottleReport.Format.allCases.map(\.rawValue) == ["json", "text", "csv", "html"])
        #expect(ThrottleReport.Format.json.render(report) == report.jsonText)
        #expect(ThrottleReport.Format.text.render(report) == report.text)
        #expect(ThrottleReport.Format.csv.render(report) == report.csvText)
        #expect(ThrottleReport.Format.html.render(report) == report.html)
    }

    @Test func eachDeclaresItsMediaType() {
        #expect(
            ThrottleReport.Format.allCases.map(\.mediaType) == [
                "application/json", "text/plain; charset=utf-8", "text/csv; charset=utf-8; header=present",
                "text/html; charset=utf-8",
            ])
    }
}
