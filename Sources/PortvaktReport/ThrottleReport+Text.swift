import PortvaktCore

extension ThrottleReport {
    /// How many rules the text rendering lists under "rules that refused most".
    public static let textRuleLimit = 10

    /// The report for people: a table with one row per supplier and a total, the supplier's violations, for
    /// each supplier with them its busiest hour, its sanctions and the written notice of each cut-off in full,
    /// the rules that refused most, and the notes.
    public var text: String {
        var lines = ["Throttle report, \(Self.timeText(from)) to \(Self.timeText(until))", ""]
        let header = ["supplier", "requests", "allowed", "throttled", "blocked", "would_throttle", "level"]
        var rows = suppliers.map { supplier in
            [supplier.supplier] + supplier.counts.map(String.init) + [supplier.level?.rawValue ?? "-"]
        }
        let totals = suppliers.reduce(into: [0, 0, 0, 0, 0]) { sums, supplier in
            for (index, count) in supplier.counts.enumerated() { sums[index] += count }
        }
        rows.append(["total"] + totals.map(String.init) + [""])
        lines += Self.table(header: header, rows: rows, numberColumns: 1...5)

        let violations = suppliers.flatMap { supplier in supplier.violations.map { (supplier.supplier, $0) } }
        if !violations.isEmpty {
            lines += ["", "Violations:"]
            lines += violations.map { "  \($0): \($1.summary)" }
        }
        for supplier in suppliers where !supplier.usage.isEmpty || !supplier.sanctions.isEmpty {
            lines += [""] + supplier.standingLines
        }

        lines += ["", "Rules that refused most:"]
        if rules.isEmpty {
            lines.append("  none")
        } else {
            let shown = rules.prefix(Self.textRuleLimit)
            lines += Self.table(
                header: ["rule", "refusals"],
                rows: shown.map { [$0.rule + ($0.shadow ? " (shadow)" : ""), String($0.refusals)] },
                numberColumns: 1...1
            ).map { "  " + $0 }
            if rules.count > shown.count { lines.append("  … and \(rules.count - shown.count) more") }
        }

        if !notes.isEmpty {
            lines += ["", "Notes:"]
            lines += notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func timeText(_ time: Int64?) -> String {
        time.map(ReportTime.rfc3339) ?? "-"
    }

    /// Columns padded to their widest cell, numbers right-aligned, text left-aligned, no trailing blanks.
    private static func table(header: [String], rows: [[String]], numberColumns: ClosedRange<Int>) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            let line = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numberColumns.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }
}

extension ThrottleReport.Supplier {
    /// requests, allowed, throttled, blocked, would_throttle: the table's number columns.
    fileprivate var counts: [Int] { [requests, allowed, throttled, blocked, wouldThrottle] }

    /// `312345676:`, then its busiest hour, its sanctions, and each cut-off's notice under a rule.
    fileprivate var standingLines: [String] {
        var lines = ["\(supplier):"]
        if let busiest = usage.max(by: { $0.requests < $1.requests }) {
            lines.append(
                "  Hourly usage: \(usage.count) hours, the busiest \(ReportTime.readable(busiest.hour)) with "
                    + "\(busiest.requests) requests (\(busiest.throttled) throttled, \(busiest.blocked) blocked).")
        }
        if !sanctions.isEmpty { lines.append("  Sanctions:") }
        for period in sanctions {
            let end = period.until.map(ReportTime.readable) ?? "no end set"
            let manual = period.isManual ? ", manual: \(period.reason ?? "no reason given")" : ""
            let level = period.level.rawValue.padding(toLength: 9)
            lines.append("    \(level)\(ReportTime.readable(period.since)) to \(end)\(manual)")
        }
        for notice in cutoffNotices {
            lines += ["", String(repeating: "-", count: 72), notice.text, String(repeating: "-", count: 72)]
        }
        return lines
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, length - count))
    }
}

extension ThrottleReport.Violation {
    /// One line: `1.2.4-polling dialogporten.enduser.dialogs.search: 500 requests for 12 customers, …`.
    fileprivate var summary: String {
        var line = "\(rule) \(route): \(requests) requests for \(customers) customers"
        if let medianIntervalSeconds { line += ", a median \(Self.tenths(medianIntervalSeconds)) s apart" }
        if let unchangedRatio { line += ", \(Self.percent(unchangedRatio)) % unchanged" }
        return line + ". \(advice)"
    }
}
