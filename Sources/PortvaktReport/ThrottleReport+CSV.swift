import PortvaktCore

extension ThrottleReport {
    /// The columns of `csvText`, in order: the union of every record's fields.
    public static let csvColumns = [
        "record", "supplier", "requests", "allowed", "throttled", "blocked", "would_throttle", "level", "rule",
        "product", "route", "customers", "median_interval_s", "unchanged_ratio", "first_seen", "last_seen", "advice",
        "periodicity", "advisory", "hour", "since", "until", "manual", "reason", "sections", "shadow", "refusals",
        "text",
    ]

    /// The report as one RFC 4180 CSV file (CRLF line ends, fields with `,` `"` CR or LF quoted, quotes
    /// doubled): a header row of `csvColumns`, then one row per record, its kind in the first column —
    /// `report` (its `since` and `until` are the report's `from` and `until`), per supplier a `supplier` row
    /// followed by its `violation`, `usage`, `sanction` and `notice` rows, then a `rule` row per rule that
    /// refused and a `note` row per note. A field a record does not have is empty; so is a figure the rule
    /// does not measure. Numbers, times and booleans are written as in the JSON.
    public var csvText: String {
        var rows = [Self.csvColumns, CSVRow("report").with("since", from).with("until", until).cells]
        for supplier in suppliers {
            let name = supplier.supplier
            rows.append(
                CSVRow("supplier", name).with("requests", supplier.requests).with("allowed", supplier.allowed)
                    .with("throttled", supplier.throttled).with("blocked", supplier.blocked)
                    .with("would_throttle", supplier.wouldThrottle).with("level", supplier.level?.rawValue).cells)
            for violation in supplier.violations {
                rows.append(
                    CSVRow("violation", name).with("rule", violation.rule).with("product", violation.product)
                        .with("route", violation.route).with("customers", violation.customers)
                        .with("requests", violation.requests)
                        .with("median_interval_s", violation.medianIntervalSeconds)
                        .with("unchanged_ratio", violation.unchangedRatio).with("first_seen", violation.firstSeen)
                        .with("last_seen", violation.lastSeen).with("advice", violation.advice)
                        .with("periodicity", violation.periodicity).with("advisory", violation.isAdvisory).cells)
            }
            for hour in supplier.usage {
                rows.append(
                    CSVRow("usage", name).with("hour", hour.hour).with("requests", hour.requests)
                        .with("allowed", hour.allowed).with("throttled", hour.throttled)
                        .with("blocked", hour.blocked).cells)
            }
            for period in supplier.sanctions {
                rows.append(
                    CSVRow("sanction", name).with("level", period.level.rawValue).with("since", period.since)
                        .with("until", period.until).with("manual", period.isManual).with("reason", period.reason)
                        .cells)
            }
            for notice in supplier.cutoffNotices {
                rows.append(
                    CSVRow("notice", name).with("since", notice.since).with("until", notice.until)
                        .with("sections", notice.sections.joined(separator: " ")).with("text", notice.text).cells)
            }
        }
        for rule in rules {
            rows.append(
                CSVRow("rule").with("rule", rule.rule).with("shadow", rule.shadow).with("refusals", rule.refusals)
                    .cells)
        }
        for note in notes { rows.append(CSVRow("note").with("text", note).cells) }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field as RFC 4180 writes it: in quotes, its quotes doubled, when it holds a comma, quote, CR or LF.
    static func csvField(_ value: String) -> String {
        guard value.utf8.contains(where: { [0x2C, 0x22, 0x0D, 0x0A].contains($0) }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}

/// One CSV record being filled in by column name; a name not among `csvColumns` is a programming error.
private struct CSVRow {
    var cells = [String](repeating: "", count: ThrottleReport.csvColumns.count)

    init(_ record: String, _ supplier: String? = nil) {
        cells[0] = record
        if let supplier { cells[1] = supplier }
    }

    func with(_ column: String, _ text: String?) -> CSVRow {
        var row = self
        row.cells[ThrottleReport.csvColumns.firstIndex(of: column)!] = text ?? ""
        return row
    }

    func with(_ column: String, _ count: Int) -> CSVRow { with(column, String(count)) }

    func with(_ column: String, _ flag: Bool) -> CSVRow { with(column, flag ? "true" : "false") }

    /// A time as RFC 3339 with milliseconds.
    func with(_ column: String, _ time: Int64?) -> CSVRow { with(column, time.map(ReportTime.rfc3339)) }

    /// A figure to at most three decimals, as the JSON writes it.
    func with(_ column: String, _ figure: Double?) -> CSVRow {
        with(
            column,
            figure.map { figure in
                var buffer: [UInt8] = []
                buffer.appendDecimal(roundingToThousandths: figure)
                return String(decoding: buffer, as: UTF8.self)
            })
    }
}
