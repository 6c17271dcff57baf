import Foundation
import PortvaktReport
import PortvaktTestSupport
import Testing

/// JSON, CSV, HTML and text show the same facts of one report with every feature (SampleReport): the JSON is
/// read as the reference, the CSV must carry exactly its values, and the HTML and the text must show them.
@Suite struct ReportFormatsAgreementTests {
    let report = SampleReport.report

    private var json: [String: Any] {
        get throws {
            try #require(JSONSerialization.jsonObject(with: Data(report.jsonText.utf8)) as? [String: Any])
        }
    }

    private func suppliers() throws -> [[String: Any]] {
        try #require(try json["suppliers"] as? [[String: Any]])
    }

    /// The CSV's rows as column name → value, in order.
    private func csvRows() throws -> [[String: String]] {
        let records = try #require(CSVRecords.parse(report.csvText))
        let header = try #require(records.first)
        #expect(header.first == "record")
        #expect(Set(header).count == header.count)
        return records.dropFirst().map { record in
            #expect(record.count == header.count)
            return Dictionary(uniqueKeysWithValues: zip(header, record))
        }
    }

    /// A JSON value as the CSV writes it: numbers as written, booleans as `true`/`false`, null as empty.
    private static func csvValue(_ value: Any?) -> String {
        switch value {
        case let text as String: text
        // JSONSerialization hands out booleans as a kind of NSNumber that only its type name tells apart.
        case let number as NSNumber where "\(type(of: number))".contains("Boolean"): number.boolValue ? "true" : "false"
        case let number as NSNumber: number.stringValue
        default: ""
        }
    }

    @Test func theSampleHasEveryFeature() throws {
        let suppliers = try suppliers()
        #expect(suppliers.count == 4)
        #expect(suppliers.allSatisfy { ($0["usage"] as? [Any])?.count == 168 })
        #expect(suppliers.compactMap { ($0["notices"] as? [Any])?.count }.reduce(0, +) == 2)
        #expect(
            suppliers.contains {
                ($0["sanctions"] as? [[String: Any]])?.contains { $0["manual"] as? Bool == true } == true
            })
    }

    @Test func csvCarriesTheJSONsValues() throws {
        let rows = try csvRows()
        let json = try json
        let reportRow = try #require(rows.first)
        #expect(reportRow["record"] == "report")
        #expect(reportRow["since"] == json["from"] as? String)
        #expect(reportRow["until"] == json["until"] as? String)

        for supplier in try suppliers() {
            let name = try #require(supplier["supplier"] as? String)
            let mine = rows.filter { $0["supplier"] == name }
            let row = try #require(mine.first { $0["record"] == "supplier" })
            for key in ["requests", "allowed", "throttled", "blocked", "would_throttle", "level"] {
                #expect(row[key] == Self.csvValue(supplier[key]), "\(name) \(key)")
            }
            let kinds: [(record: String, json: String, keys: [String])] = [
                (
                    "violation", "violations",
                    [
                        "rule", "product", "route", "customers", "requests", "median_interval_s", "unchanged_ratio",
                        "first_seen", "last_seen", "advice", "periodicity",
                    ]
                ),
                ("usage", "usage", ["hour", "requests", "allowed", "throttled", "blocked"]),
                ("sanction", "sanctions", ["level", "since", "until", "manual", "reason"]),
                ("notice", "notices", ["since", "until", "text"]),
            ]
            for kind in kinds {
                let objects = try #require(supplier[kind.json] as? [[String: Any]])
                let csv = mine.filter { $0["record"] == kind.record }
                #expect(csv.count == objects.count, "\(name) \(kind.record)")
                for (object, row) in zip(objects, csv) {
                    for key in kind.keys {
                        #expect(row[key] == Self.csvValue(object[key]), "\(name) \(kind.record) \(key)")
                    }
                }
            }
            let violations = try #require(supplier["violations"] as? [[String: Any]])
            #expect(
                mine.filter { $0["record"] == "violation" }.map { $0["advisory"] }
                    == violations.map { $0["advisory"] == nil ? "false" : Self.csvValue($0["advisory"]) })
            let notices = try #require(supplier["notices"] as? [[String: Any]])
            for (notice, row) in zip(notices, mine.filter { $0["record"] == "notice" }) {
                #expect(row["sections"] == (notice["sections"] as? [String])?.joined(separator: " "))
            }
        }
        let rules = try #require(json["rules"] as? [[String: Any]])
        let ruleRows = rows.filter { $0["record"] == "rule" }
        #expect(ruleRows.map { $0["rule"] } == rules.map { $0["rule"] as? String })
        #expect(ruleRows.map { $0["refusals"] } == rules.map { Self.csvValue($0["refusals"]) })
        #expect(ruleRows.map { $0["shadow"] } == rules.map { Self.csvValue($0["shadow"]) })
        #expect(rows.filter { $0["record"] == "note" }.map { $0["text"] } == report.notes)
    }

    @Test(.onOwnThreads) func htmlShowsTheJSONsFacts() throws {
        let html = report.html.replacingOccurrences(of: "\u{202F}", with: "")
        for supplier in try suppliers() {
            let name = try #require(supplier["supplier"] as? String)
            #expect(html.contains(">\(name)</a></td>"))
            #expect(html.contains(">\(name)</h2>"))
            for key in ["requests", "allowed", "throttled", "blocked", "would_throttle"] {
                #expect(html.contains(">\(Self.csvValue(supplier[key]))</td>"), "\(name) \(key)")
            }
            for violation in try #require(supplier["violations"] as? [[String: Any]]) {
                for key in ["rule", "route"] {
                    #expect(html.contains("<code>\(Self.csvValue(violation[key]))</code>"))
                }
                #expect(html.contains(">\(Self.csvValue(violation["customers"]))</td>"))
                #expect(html.contains(">\(Self.csvValue(violation["requests"]))</td>"))
                #expect(html.contains(Self.htmlEscaped(Self.csvValue(violation["advice"]))))
            }
            for hour in try #require(supplier["usage"] as? [[String: Any]]) {
                let counts = ["requests", "allowed", "throttled", "blocked"].map { Self.csvValue(hour[$0]) }
                #expect(
                    html.contains(
                        ": \(counts[0]) requests, \(counts[1]) allowed, \(counts[2]) throttled, \(counts[3]) blocked"))
            }
            for sanction in try #require(supplier["sanctions"] as? [[String: Any]]) {
                #expect(html.contains("class=\"badge \(Self.csvValue(sanction["level"]))\""))
                if let reason = sanction["reason"] as? String { #expect(html.contains(Self.htmlEscaped(reason))) }
            }
            for notice in try #require(supplier["notices"] as? [[String: Any]]) {
                let text = try #require(notice["text"] as? String)
                for line in text.split(separator: "\n") {
                    let shown = line.hasPrefix("- ") ? line.dropFirst(2) : line
                    #expect(html.contains(Self.htmlEscaped(String(shown))), "\(shown)")
                }
                for section in try #require(notice["sections"] as? [String]) { #expect(html.contains("§\(section)")) }
            }
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        for rule in try #require(json["rules"] as? [[String: Any]]) {
            #expect(html.contains("<code>\(Self.csvValue(rule["rule"]))</code>"))
        }
    }

    @Test func textShowsTheJSONsFacts() throws {
        let text = report.text
        for supplier in try suppliers() {
            let name = try #require(supplier["supplier"] as? String)
            let counts = ["requests", "allowed", "throttled", "blocked", "would_throttle"].map {
                Self.csvValue(supplier[$0])
            }
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(name + " ") })
            #expect(row.split(separator: " ").dropFirst().prefix(5).map(String.init) == counts)
            for violation in try #require(supplier["violations"] as? [[String: Any]]) {
                let rule = Self.csvValue(violation["rule"])
                let route = Self.csvValue(violation["route"])
                let requests = Self.csvValue(violation["requests"])
                let customers = Self.csvValue(violation["customers"])
                #expect(text.contains("\(name): \(rule) \(route): \(requests) requests for \(customers) customers"))
            }
            for sanction in try #require(supplier["sanctions"] as? [[String: Any]]) {
                if let reason = sanction["reason"] as? String { #expect(text.contains(reason)) }
            }
            for notice in try #require(supplier["notices"] as? [[String: Any]]) {
                #expect(text.contains(try #require(notice["text"] as? String)))
            }
        }
        for rule in try #require(json["rules"] as? [[String: Any]]) {
            #expect(text.contains(Self.csvValue(rule["rule"])))
        }
    }

    private static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
