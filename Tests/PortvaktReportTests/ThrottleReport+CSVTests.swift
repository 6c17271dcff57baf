import PortvaktReport
import Testing

@Suite struct ThrottleReportCSVTests {
    @Test func hasOneHeaderRowThenOneRowPerRecordWithCRLFEnds() {
        let expected = [
            ThrottleReport.csvColumns.joined(separator: ","),
            "report,,,,,,,,,,,,,,,,,,,,2026-11-24T06:00:00.810Z,2026-11-24T18:00:00.000Z,,,,,,",
            "supplier,312345676,1234,1200,30,4,17,,,,,,,,,,,,,,,,,,,,,",
            "supplier,987654321,500,500,0,0,0,notice,,,,,,,,,,,,,,,,,,,,",
            "violation,987654321,500,,,,,,1.2.4-polling,dialogporten,dialogporten.enduser.dialogs.search,12,30,0.96,"
                + "2026-11-24T06:00:00.810Z,2026-11-24T18:00:00.000Z,Subscribe to Altinn Events.,,false,,,,,,,,,",
            "rule,,,,,,,,dialogporten-default,,,,,,,,,,,,,,,,,false,15,",
            "rule,,,,,,,,trial,,,,,,,,,,,,,,,,,true,2,",
            "note,,,,,,,,,,,,,,,,,,,,,,,,,,,The access log has no client addresses.",
        ]
        #expect(ReportFixture.report.csvText == expected.map { $0 + "\r\n" }.joined())
    }

    @Test(arguments: [
        ("plain", "plain"), ("a, b", "\"a, b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""), ("", ""),
    ])
    func quotesFieldsAsRFC4180Asks(_ field: String, _ written: String) {
        var report = ReportFixture.report
        report.notes = [field]
        #expect(report.csvText.hasSuffix(",\(written)\r\n"))
        #expect(CSVRecords.parse(report.csvText)?.last?.last == field)
    }

    @Test func usageSanctionsAndNoticesFollowTheirSupplier() throws {
        let records = try #require(CSVRecords.parse(SampleReport.report.csvText))
        let kinds = records.dropFirst(2).prefix { $0[1] == "310000001" || $0[0] != "supplier" }.map { $0[0] }
        #expect(kinds.first == "supplier")
        let cutOff = records.filter { $0[1] == "987654321" }.map { $0[0] }
        #expect(
            cutOff == ["supplier"] + Array(repeating: "violation", count: 3) + Array(repeating: "usage", count: 168)
                + Array(repeating: "sanction", count: 4) + ["notice"])
        let column = try #require(ThrottleReport.csvColumns.firstIndex(of: "sections"))
        #expect(records.filter { $0[0] == "notice" }.map { $0[column] } == ["1.2.4 7.1", "1.2.8 7.1"])
    }
}
