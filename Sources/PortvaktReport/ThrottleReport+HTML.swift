import PortvaktCore

extension ThrottleReport {
    /// The report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): totals, a
    /// table of suppliers, then per supplier its traffic and sanction levels over time, its violations with
    /// their evidence and advice, its sanctions, and the written notice of each cut-off as a letter; the rules
    /// that refused and the notes last. Every text from the report is escaped.
    public var html: String {
        let span = UsageChart.span(of: self)
        var page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<title>Portvakt throttle report \(HTMLText.escaped(periodText))</title>\n"
        page += "<style>\(Self.styleSheet)</style>\n</head>\n<body>\n"
        page += "<header class=\"masthead\"><div class=\"wrap\"><p class=\"brand\">Portvakt</p>"
        page += "<h1>Throttle report</h1><p class=\"period\">\(HTMLText.escaped(periodText))</p></div></header>\n"
        page += "<main class=\"wrap\">\n" + totalsHTML + supplierTableHTML
        for (index, supplier) in suppliers.enumerated() {
            page += supplier.sectionHTML(number: index, span: span)
        }
        page += rulesHTML + notesHTML + "</main>\n"
        page += "<footer class=\"wrap\">Written by Portvakt. All times are UTC. The terms' sections refer to Digdir's "
        page += "terms of use for suppliers of end-user systems integrating with Altinn.</footer>\n</body>\n</html>\n"
        return page
    }

    private var periodText: String {
        guard let from, let until else { return "no requests" }
        return "\(ReportTime.readable(from)) to \(ReportTime.readable(until))"
    }

    private var totalsHTML: String {
        let requests = suppliers.reduce(0) { $0 + $1.requests }
        let throttled = suppliers.reduce(0) { $0 + $1.throttled }
        let blocked = suppliers.reduce(0) { $0 + $1.blocked }
        let sanctioned = suppliers.filter { $0.level != nil }.count
        let notices = suppliers.reduce(0) { $0 + $1.cutoffNotices.count }
        let tiles = [
            ("suppliers", HTMLText.grouped(suppliers.count), ""),
            ("requests", HTMLText.grouped(requests), ""),
            ("throttled (429)", HTMLText.grouped(throttled), throttled > 0 ? " warn" : ""),
            ("blocked (403)", HTMLText.grouped(blocked), blocked > 0 ? " bad" : ""),
            ("under a sanction", HTMLText.grouped(sanctioned), sanctioned > 0 ? " warn" : ""),
            ("cut-off notices", HTMLText.grouped(notices), notices > 0 ? " bad" : ""),
        ]
        return "<section class=\"tiles\">"
            + tiles.map { label, value, tone in
                "<div class=\"tile\(tone)\"><span class=\"value\">\(value)</span><span>\(label)</span></div>"
            }
            .joined() + "</section>\n"
    }

    private var supplierTableHTML: String {
        var html = "<section class=\"card\"><h2>Suppliers</h2>"
        guard !suppliers.isEmpty else { return html + "<p class=\"quiet\">No requests in this period.</p></section>\n" }
        html += "<table class=\"data\"><thead><tr><th>supplier</th><th class=\"n\">requests</th>"
        html += "<th class=\"n\">allowed</th><th class=\"n\">throttled</th><th class=\"n\">blocked</th>"
        html += "<th class=\"n\">would_throttle</th><th>level</th><th class=\"n\">violations</th></tr></thead><tbody>"
        for (index, supplier) in suppliers.enumerated() {
            html += "<tr><td><a href=\"#supplier-\(index)\">\(HTMLText.escaped(supplier.supplier))</a></td>"
            for count in [
                supplier.requests, supplier.allowed, supplier.throttled, supplier.blocked, supplier.wouldThrottle,
            ] {
                html += "<td class=\"n\">\(HTMLText.grouped(count))</td>"
            }
            html += "<td>\(Self.badge(supplier.level))</td>"
            html += "<td class=\"n\">\(HTMLText.grouped(supplier.violations.count))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    private var rulesHTML: String {
        var html = "<section class=\"card\"><h2>Rules that refused</h2>"
        guard !rules.isEmpty else { return html + "<p class=\"quiet\">No rule refused a request.</p></section>\n" }
        html += "<table class=\"data narrow\"><thead><tr><th>rule</th><th>mode</th><th class=\"n\">refusals</th></tr>"
        html += "</thead><tbody>"
        for rule in rules {
            html += "<tr><td><code>\(HTMLText.escaped(rule.rule))</code></td>"
            html += "<td>\(rule.shadow ? "shadow (counts, never refuses)" : "enforced")</td>"
            html += "<td class=\"n\">\(HTMLText.grouped(rule.refusals))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    private var notesHTML: String {
        guard !notes.isEmpty else { return "" }
        return "<section class=\"card\"><h2>Notes</h2><ul class=\"notes\">"
            + notes.map { "<li>\(HTMLText.escaped($0))</li>" }.joined() + "</ul></section>\n"
    }

    /// A coloured label for a sanction level; `none` in grey.
    static func badge(_ level: SanctionLevel?) -> String {
        guard let level else { return "<span class=\"badge none\">none</span>" }
        return "<span class=\"badge \(level.rawValue)\">\(level.rawValue)</span>"
    }
}

extension ThrottleReport.Supplier {
    fileprivate func sectionHTML(number: Int, span: Range<Int64>?) -> String {
        let name = HTMLText.escaped(supplier)
        var html = "<section class=\"card supplier\" id=\"supplier-\(number)\">"
        html += "<div class=\"supplier-head\"><h2>\(name)</h2>\(ThrottleReport.badge(level))"
        html += "<p class=\"figures\">\(HTMLText.grouped(requests)) requests · \(HTMLText.grouped(allowed)) allowed · "
        html += "\(HTMLText.grouped(throttled)) throttled · \(HTMLText.grouped(blocked)) blocked · "
        html += "\(HTMLText.grouped(wouldThrottle)) would_throttle</p></div>"
        if let span, !usage.isEmpty {
            let chart = UsageChart(
                span: span, usage: usage, sanctions: sanctions,
                label: "Requests per hour and sanction level of supplier \(supplier)", number: number)
            html += "<figure>\(chart.svg)<figcaption class=\"legend\">"
            let shownSeries = UsageChart.series.filter { series in
                series.name != "other" || usage.contains { $0.requests > $0.allowed + $0.throttled + $0.blocked }
            }
            for series in shownSeries {
                html += "<span><i style=\"background:\(series.colour)\"></i>\(series.name)</span>"
            }
            html += "<span class=\"gap\">sanction level:</span><span><i class=\"clean\"></i>none</span>"
            for level in SanctionLevel.allCases {
                html += "<span><i style=\"background:\(UsageChart.colour(of: level))\"></i>\(level.rawValue)</span>"
            }
            if sanctions.contains(where: \.isManual) { html += "<span><i class=\"hatched\"></i>manual</span>" }
            html += "</figcaption></figure>"
        }
        html += violationsHTML + sanctionsHTML
        for notice in cutoffNotices { html += notice.html }
        return html + "</section>\n"
    }

    private var violationsHTML: String {
        guard !violations.isEmpty else { return "<h3>Violations</h3><p class=\"quiet\">None seen.</p>" }
        var html = "<h3>Violations</h3><table class=\"data violations\"><thead><tr><th>rule</th><th>route</th>"
        html += "<th class=\"n\">customers</th><th class=\"n\">requests</th><th class=\"n\">median interval</th>"
        html += "<th class=\"n\">unchanged</th><th class=\"n\">periodicity</th><th>seen (UTC)</th>"
        html += "</tr></thead>"
        for violation in violations {
            html += "<tbody class=\"violation\"><tr><td><code>\(HTMLText.escaped(violation.rule))</code>"
            if violation.isAdvisory { html += "<div><span class=\"badge advisory\">advice only</span></div>" }
            html += "</td><td><code>\(HTMLText.escaped(violation.route))</code>"
            html += "<div class=\"quiet\">\(HTMLText.escaped(violation.product))</div></td>"
            html += "<td class=\"n\">\(HTMLText.grouped(violation.customers))</td>"
            html += "<td class=\"n\">\(HTMLText.grouped(violation.requests))</td>"
            let figures = [
                violation.medianIntervalSeconds.map { "\(ThrottleReport.Violation.tenths($0)) s" },
                violation.unchangedRatio.map { "\(ThrottleReport.Violation.percent($0)) %" },
                violation.periodicity.map { "\(ThrottleReport.Violation.percent($0)) %" },
            ]
            for figure in figures { html += "<td class=\"n\">\(figure ?? "–")</td>" }
            html += "<td class=\"time\">\(ReportTime.minutes(violation.firstSeen)) to<br>"
            html += "\(ReportTime.minutes(violation.lastSeen))</td></tr>"
            html += "<tr class=\"advice\"><td colspan=\"8\"><strong>Advice:</strong> "
            html += "\(HTMLText.escaped(violation.advice))</td></tr></tbody>"
        }
        return html + "</table>"
    }

    private var sanctionsHTML: String {
        guard !sanctions.isEmpty else { return "" }
        var html = "<h3>Sanctions</h3><table class=\"data narrow\"><thead><tr><th>level</th><th>from (UTC)</th>"
        html += "<th>until (UTC)</th><th>imposed</th><th>reason</th></tr></thead><tbody>"
        for period in sanctions {
            html += "<tr><td>\(ThrottleReport.badge(period.level))</td>"
            html += "<td class=\"time\">\(ReportTime.minutes(period.since))</td>"
            html += "<td class=\"time\">\(period.until.map(ReportTime.minutes) ?? "no end set")</td>"
            html += "<td>\(period.isManual ? "by an operator (§1.2.8)" : "by the ladder")</td>"
            html += "<td>\(period.reason.map(HTMLText.escaped) ?? "–")</td></tr>"
        }
        return html + "</tbody></table>"
    }
}

extension ThrottleReport.CutoffNotice {
    /// The letter in a box: a heading naming the sections, the subject, and its paragraphs, lists as lists.
    fileprivate var html: String {
        var html = "<article class=\"letter\"><p class=\"letter-kind\">Written notice · terms "
        html += sections.map { "§" + HTMLText.escaped($0) }.joined(separator: ", ")
        html += "</p><h3>\(HTMLText.escaped(subject))</h3>"
        for paragraph in paragraphs {
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let items = lines.dropFirst().filter { $0.hasPrefix("- ") }
            if lines.count > 1 && items.count == lines.count - 1 {
                html += "<p class=\"lead\">\(HTMLText.escaped(lines[0]))</p><ul>"
                html += items.map { "<li>\(HTMLText.escaped(String($0.dropFirst(2))))</li>" }.joined() + "</ul>"
            } else {
                html += "<p>\(HTMLText.escaped(paragraph))</p>"
            }
        }
        return html + "</article>"
    }
}
