import Foundation
import PortvaktCore
import PortvaktReport
import Testing

@Suite struct ThrottleReportJSONTests {
    @Test func hasTheContractsShapeKeysAndOrder() {
        let expected =
            #"{"from":"2026-11-24T06:00:00.810Z","until":"2026-11-24T18:00:00.000Z","suppliers":["#
            + #"{"supplier":"312345676","requests":1234,"allowed":1200,"throttled":30,"blocked":4,"#
            + #""would_throttle":17,"level":null,"violations":[],"usage":[],"sanctions":[],"notices":[]},"#
            + #"{"supplier":"987654321","requests":500,"allowed":500,"throttled":0,"blocked":0,"would_throttle":0,"#
            + #""level":"notice","violations":[{"rule":"1.2.4-polling","product":"dialogporten","#
            + #""route":"dialogporten.enduser.dialogs.search","customers":12,"requests":500,"median_interval_s":30,"#
            + #""unchanged_ratio":0.96,"first_seen":"2026-11-24T06:00:00.810Z","last_seen":"2026-11-24T18:00:00.000Z","#
            + #""advice":"Subscribe to Altinn Events."}],"usage":[],"sanctions":[],"notices":[]}],"#
            + #""rules":[{"rule":"dialogporten-default","shadow":false,"refusals":15},"#
            + #"{"rule":"trial","shadow":true,"refusals":2}]}"# + "\n"
        #expect(ReportFixture.report.jsonText == expected)
    }

    @Test func isValidJSON() throws {
        let object = try JSONSerialization.jsonObject(with: Data(ReportFixture.report.jsonText.utf8))
        let suppliers = try #require((object as? [String: Any])?["suppliers"] as? [[String: Any]])
        #expect(suppliers.map { $0["supplier"] as? String } == ["312345676", "987654321"])
    }

    @Test func aMeasuredPeriodicityFollowsTheAdvice() {
        var report = ReportFixture.report
        report.suppliers[1].violations[0].periodicity = 0.91234
        #expect(report.jsonText.contains(#""advice":"Subscribe to Altinn Events.","periodicity":0.912}"#))
    }

    @Test func eachSupplierEndsWithItsUsageSanctionsAndNotices() throws {
        var report = ReportFixture.report
        report.suppliers = [SampleReport.manual]
        report.suppliers[0].usage = Array(report.suppliers[0].usage.prefix(1))
        let notice = try #require(report.suppliers[0].cutoffNotices.first)
        let json = report.jsonText
        #expect(
            json.contains(
                #""usage":[{"hour":"2026-11-20T00:00:00.000Z","requests":60,"allowed":60,"throttled":0,"blocked":0}],"#
                    + #""sanctions":[{"level":"cutoff","since":"2026-11-25T15:00:00.000Z","until":null,"manual":true,"#
                    + #""reason":"incident 42: pages fetched \"every 50 ms\" & <no> back-off, ticket 7"}],"#
                    + #""notices":[{"since":"2026-11-25T15:00:00.000Z","until":null,"sections":["1.2.8","7.1"],"#
                    + #""text":\#(String(jsonQuoting: notice.text))}]}"#))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let supplier = try #require((object?["suppliers"] as? [[String: Any]])?.first)
        #expect(((supplier["notices"] as? [[String: Any]])?.first?["text"] as? String) == notice.text)
    }

    @Test func anEmptyReportHasNullTimes() {
        let report = ThrottleReport(from: nil, until: nil, suppliers: [], rules: [])
        #expect(report.jsonText == #"{"from":null,"until":null,"suppliers":[],"rules":[]}"# + "\n")
    }
}
