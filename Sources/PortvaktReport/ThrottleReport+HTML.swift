import PortvaktCore

extension ThrottleReport {
    /// The report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): totals, a
    /// table of suppliers, then per supplier its traffic and sanction levels over time, its violations with
    /// their evidence and advice, its sanctions, and the written notice of each cut-off as a letter; the rules
    /// that refused and the notes last. Every text from the report is escaped.
    ///
    /// Written into one byte buffer: a month of a thousand suppliers is tens of megabytes of markup.
    public var html: String {
        let span = UsageChart.span(of: self)
        // A chart's bar takes up to about 330 bytes; the rest of a supplier's section is small. Reserved up
        // front, the buffer is not copied as it grows (a month's page is 75 MB).
        var page: [UInt8] = []
        page.reserveCapacity(
            suppliers.reduce(16_384) { size, supplier in
                size + 4096 + (span == nil ? 0 : min(supplier.usage.count, UsageChart.maxBars) * 330)
            })
        page.appendASCII("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.appendASCII("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.appendASCII("<title>Portvakt throttle report ")
        page.appendEscapedHTML(periodText)
        page.appendASCII("</title>\n<style>")
        page.appendUTF8(Self.styleSheet)
        page.appendASCII("</style>\n</head>\n<body>\n")
        page.appendASCII("<header class=\"masthead\"><div class=\"wrap\"><p class=\"brand\">Portvakt</p>")
        page.appendASCII("<h1>Throttle report</h1><p class=\"period\">")
        page.appendEscapedHTML(periodText)
        page.appendASCII("</p></div></header>\n<main class=\"wrap\">\n")
        appendTotals(to: &page)
        appendSupplierTable(to: &page)
        for (index, supplier) in suppliers.enumerated() {
            supplier.appendSection(to: &page, number: index, span: span)
        }
        appendRules(to: &page)
        appendNotes(to: &page)
        page.appendASCII("</main>\n")
        page.appendASCII("<footer class=\"wrap\">Written by Portvakt. All times are UTC. The terms' sections refer to ")
        page.appendASCII("Digdir's terms of use for suppliers of end-user systems integrating with Altinn.</footer>\n")
        page.appendASCII("</body>\n</html>\n")
        return String(decoding: page, as: UTF8.self)
    }

    private var periodText: String {
        guard let from, let until else { return "no requests" }
        return "\(ReportTime.readable(from)) to \(ReportTime.readable(until))"
    }

    private func appendTotals(to html: inout [UInt8]) {
        let requests = suppliers.reduce(0) { $0 + $1.requests }
        let throttled = suppliers.reduce(0) { $0 + $1.throttled }
        let blocked = suppliers.reduce(0) { $0 + $1.blocked }
        let sanctioned = suppliers.filter { $0.level != nil }.count
        let notices = suppliers.reduce(0) { $0 + $1.cutoffNotices.count }
        let tiles = [
            ("suppliers", suppliers.count, ""),
            ("requests", requests, ""),
            ("throttled (429)", throttled, throttled > 0 ? " warn" : ""),
            ("blocked (403)", blocked, blocked > 0 ? " bad" : ""),
            ("under a sanction", sanctioned, sanctioned > 0 ? " warn" : ""),
            ("cut-off notices", notices, notices > 0 ? " bad" : ""),
        ]
        html.appendASCII("<section class=\"tiles\">")
        for (label, value, tone) in tiles {
            html.appendUTF8("<div class=\"tile\(tone)\"><span class=\"value\">")
            html.appendGrouped(value)
            html.appendUTF8("</span><span>\(label)</span></div>")
        }
        html.appendASCII("</section>\n")
    }

    private func appendSupplierTable(to html: inout [UInt8]) {
        html.appendASCII("<section class=\"card\"><h2>Suppliers</h2>")
        guard !suppliers.isEmpty else {
            return html.appendASCII("<p class=\"quiet\">No requests in this period.</p></section>\n")
        }
        html.appendASCII("<table class=\"data\"><thead><tr><th>supplier</th><th class=\"n\">requests</th>")
        html.appendASCII("<th class=\"n\">allowed</th><th class=\"n\">throttled</th><th class=\"n\">blocked</th>")
        html.appendASCII(
            "<th class=\"n\">would_throttle</th><th>level</th><th class=\"n\">violations</th></tr></thead>")
        html.appendASCII("<tbody>")
        for (index, supplier) in suppliers.enumerated() {
            html.appendUTF8("<tr><td><a href=\"#supplier-\(index)\">")
            html.appendEscapedHTML(supplier.supplier)
            html.appendASCII("</a></td>")
            for count in [
                supplier.requests, supplier.allowed, supplier.throttled, supplier.blocked, supplier.wouldThrottle,
            ] {
                html.appendASCII("<td class=\"n\">")
                html.appendGrouped(count)
                html.appendASCII("</td>")
            }
            html.appendASCII("<td>")
            html.appendUTF8(Self.badge(supplier.level))
            html.appendASCII("</td><td class=\"n\">")
            html.appendGrouped(supplier.violations.count)
            html.appendASCII("</td></tr>")
        }
        html.appendASCII("</tbody></table></section>\n")
    }

    private func appendRules(to html: inout [UInt8]) {
        html.appendASCII("<section class=\"card\"><h2>Rules that refused</h2>")
        guard !rules.isEmpty else {
            return html.appendASCII("<p class=\"quiet\">No rule refused a request.</p></section>\n")
        }
        html.appendASCII("<table class=\"data narrow\"><thead><tr><th>rule</th><th>mode</th>")
        html.appendASCII("<th class=\"n\">refusals</th></tr></thead><tbody>")
        for rule in rules {
            html.appendASCII("<tr><td><code>")
            html.appendEscapedHTML(rule.rule)
            html.appendASCII("</code></td><td>")
            html.appendASCII(rule.shadow ? "shadow (counts, never refuses)" : "enforced")
            html.appendASCII("</td><td class=\"n\">")
            html.appendGrouped(rule.refusals)
            html.appendASCII("</td></tr>")
        }
        html.appendASCII("</tbody></table></section>\n")
    }

    private func appendNotes(to html: inout [UInt8]) {
        guard !notes.isEmpty else { return }
        html.appendASCII("<section class=\"card\"><h2>Notes</h2><ul class=\"notes\">")
        for note in notes {
            html.appendASCII("<li>")
            html.appendEscapedHTML(note)
            html.appendASCII("</li>")
        }
        html.appendASCII("</ul></section>\n")
    }

    /// A coloured label for a sanction level; `none` in grey.
    static func badge(_ level: SanctionLevel?) -> String {
        guard let level else { return "<span class=\"badge none\">none</span>" }
        return "<span class=\"badge \(level.rawValue)\">\(level.rawValue)</span>"
    }
}

extension ThrottleReport.Supplier {
    fileprivate func appendSection(to html: inout [UInt8], number: Int, span: Range<Int64>?) {
        html.appendUTF8("<section class=\"card supplier\" id=\"supplier-\(number)\"><div class=\"supplier-head\"><h2>")
        html.appendEscapedHTML(supplier)
        html.appendASCII("</h2>")
        html.appendUTF8(ThrottleReport.badge(level))
        html.appendASCII("<p class=\"figures\">")
        let figures = [
            (requests, " requests · "), (allowed, " allowed · "), (throttled, " throttled · "),
            (blocked, " blocked · "), (wouldThrottle, " would_throttle</p></div>"),
        ]
        for (count, label) in figures {
            html.appendGrouped(count)
            html.appendUTF8(label)
        }
        if let span, !usage.isEmpty {
            let chart = UsageChart(
                span: span, usage: usage, sanctions: sanctions,
                label: "Requests per hour and sanction level of supplier \(supplier)", number: number)
            html.appendASCII("<figure>")
            chart.appendSVG(to: &html)
            html.appendASCII("<figcaption class=\"legend\">")
            let shownSeries = UsageChart.series.filter { series in
                series.name != "other" || usage.contains { $0.requests > $0.allowed + $0.throttled + $0.blocked }
            }
            for series in shownSeries {
                html.appendUTF8("<span><i style=\"background:\(series.colour)\"></i>\(series.name)</span>")
            }
            html.appendASCII("<span class=\"gap\">sanction level:</span><span><i class=\"clean\"></i>none</span>")
            for level in SanctionLevel.allCases {
                html.appendUTF8(
                    "<span><i style=\"background:\(UsageChart.colour(of: level))\"></i>\(level.rawValue)</span>")
            }
            if sanctions.contains(where: \.isManual) {
                html.appendASCII("<span><i class=\"hatched\"></i>manual</span>")
            }
            html.appendASCII("</figcaption></figure>")
        }
        appendViolations(to: &html)
        appendSanctions(to: &html)
        for notice in cutoffNotices { notice.appendLetter(to: &html) }
        html.appendASCII("</section>\n")
    }

    private func appendViolations(to html: inout [UInt8]) {
        guard !violations.isEmpty else {
            return html.appendASCII("<h3>Violations</h3><p class=\"quiet\">None seen.</p>")
        }
        html.appendASCII("<h3>Violations</h3><table class=\"data violations\"><thead><tr><th>rule</th><th>route</th>")
        html.appendASCII(
            "<th class=\"n\">customers</th><th class=\"n\">requests</th><th class=\"n\">median interval</th>")
        html.appendASCII("<th class=\"n\">unchanged</th><th class=\"n\">periodicity</th><th>seen (UTC)</th>")
        html.appendASCII("</tr></thead>")
        for violation in violations {
            html.appendASCII("<tbody class=\"violation\"><tr><td><code>")
            html.appendEscapedHTML(violation.rule)
            html.appendASCII("</code>")
            if violation.isAdvisory { html.appendASCII("<div><span class=\"badge advisory\">advice only</span></div>") }
            html.appendASCII("</td><td><code>")
            html.appendEscapedHTML(violation.route)
            html.appendASCII("</code><div class=\"quiet\">")
            html.appendEscapedHTML(violation.product)
            html.appendASCII("</div></td><td class=\"n\">")
            html.appendGrouped(violation.customers)
            html.appendASCII("</td><td class=\"n\">")
            html.appendGrouped(violation.requests)
            html.appendASCII("</td>")
            let figures = [
                violation.medianIntervalSeconds.map { "\(ThrottleReport.Violation.tenths($0)) s" },
                violation.unchangedRatio.map { "\(ThrottleReport.Violation.percent($0)) %" },
                violation.periodicity.map { "\(ThrottleReport.Violation.percent($0)) %" },
            ]
            for figure in figures { html.appendUTF8("<td class=\"n\">\(figure ?? "–")</td>") }
            html.appendASCII("<td class=\"time\">")
            html.appendMinutes(violation.firstSeen)
            html.appendASCII(" to<br>")
            html.appendMinutes(violation.lastSeen)
            html.appendASCII("</td></tr><tr class=\"advice\"><td colspan=\"8\"><strong>Advice:</strong> ")
            html.appendEscapedHTML(violation.advice)
            html.appendASCII("</td></tr></tbody>")
        }
        html.appendASCII("</table>")
    }

    private func appendSanctions(to html: inout [UInt8]) {
        guard !sanctions.isEmpty else { return }
        html.appendASCII("<h3>Sanctions</h3><table class=\"data narrow\"><thead><tr><th>level</th><th>from (UTC)</th>")
        html.appendASCII("<th>until (UTC)</th><th>imposed</th><th>reason</th></tr></thead><tbody>")
        for period in sanctions {
            html.appendASCII("<tr><td>")
            html.appendUTF8(ThrottleReport.badge(period.level))
            html.appendASCII("</td><td class=\"time\">")
            html.appendMinutes(period.since)
            html.appendASCII("</td><td class=\"time\">")
            if let until = period.until { html.appendMinutes(until) } else { html.appendASCII("no end set") }
            html.appendASCII("</td><td>")
            html.appendUTF8(period.isManual ? "by an operator (§1.2.8)" : "by the ladder")
            html.appendASCII("</td><td>")
            if let reason = period.reason { html.appendEscapedHTML(reason) } else { html.appendUTF8("–") }
            html.appendASCII("</td></tr>")
        }
        html.appendASCII("</tbody></table>")
    }
}

extension ThrottleReport.CutoffNotice {
    /// The letter in a box: a heading naming the sections, the subject, and its paragraphs, lists as lists.
    fileprivate func appendLetter(to html: inout [UInt8]) {
        html.appendUTF8("<article class=\"letter\"><p class=\"letter-kind\">Written notice · terms ")
        for (index, section) in sections.enumerated() {
            html.appendUTF8(index == 0 ? "§" : ", §")
            html.appendEscapedHTML(section)
        }
        html.appendASCII("</p><h3>")
        html.appendEscapedHTML(subject)
        html.appendASCII("</h3>")
        for paragraph in paragraphs {
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let items = lines.dropFirst().filter { $0.hasPrefix("- ") }
            if lines.count > 1 && items.count == lines.count - 1 {
                html.appendASCII("<p class=\"lead\">")
                html.appendEscapedHTML(lines[0])
                html.appendASCII("</p><ul>")
                for item in items {
                    html.appendASCII("<li>")
                    html.appendEscapedHTML(String(item.dropFirst(2)))
                    html.appendASCII("</li>")
                }
                html.appendASCII("</ul>")
            } else {
                html.appendASCII("<p>")
                html.appendEscapedHTML(paragraph)
                html.appendASCII("</p>")
            }
        }
        html.appendASCII("</article>")
    }
}
