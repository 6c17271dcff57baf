extension ThrottleReport {
    /// The written notice a cut-off comes with (terms §7.1: "written notice without undue delay"): what was
    /// seen, when, the evidence, the terms' sections concerned and how to get back in, as a letter to the
    /// supplier's developers. Derived here once; every rendering shows the same letter.
    public struct CutoffNotice: Sendable, Equatable {
        public var supplier: String
        public var since: Int64
        public var until: Int64?
        public var isManual: Bool
        public var reason: String?
        /// The terms' sections concerned, e.g. `["1.2.4", "7.1"]`: 1.2.8 first for a manual cut-off, 1.2.4 for
        /// one the ladder imposed, then the sections of the evidence's rules.
        public var sections: [String]
        /// The violations seen before the cut-off began: for one the ladder imposed only those that climb it.
        public var evidence: [Violation]
        public var subject: String
        /// The letter after its subject; a paragraph whose lines start with `- ` is a list.
        public var paragraphs: [String]

        /// Subject and paragraphs, separated by blank lines.
        public var text: String { ([subject] + paragraphs).joined(separator: "\n\n") }
    }
}

extension ThrottleReport.Supplier {
    /// One notice per cut-off among the supplier's sanctions, in their order.
    public var cutoffNotices: [ThrottleReport.CutoffNotice] {
        sanctions.filter { $0.level == .cutoff }.map { ThrottleReport.CutoffNotice(supplier: self, cutoff: $0) }
    }
}

extension ThrottleReport.CutoffNotice {
    init(supplier: ThrottleReport.Supplier, cutoff: ThrottleReport.SanctionPeriod) {
        self.supplier = supplier.supplier
        since = cutoff.since
        until = cutoff.until
        isManual = cutoff.isManual
        reason = cutoff.reason
        // An operator may act on advisory findings (scraping is one); the ladder never does.
        evidence = supplier.violations.filter { $0.firstSeen <= cutoff.since && (cutoff.isManual || !$0.isAdvisory) }
        var sections = [cutoff.isManual ? "1.2.8" : "1.2.4"]
        for section in evidence.map(\.section) where !sections.contains(section) { sections.append(section) }
        self.sections = sections
        subject = "Written notice to supplier \(supplier.supplier): access to the Altinn APIs cut off"
        paragraphs = []
        paragraphs = [opening, seen, terms, wayBack, closing]
    }

    private var period: String {
        let start = ReportTime.readable(since)
        guard let until else { return "from \(start) until an operator lifts it" }
        return "from \(start) until \(ReportTime.readable(until))"
    }

    private var opening: String {
        let who = isManual ? "An operator cut off" : "Portvakt cut off"
        var text = "\(who) your systems' access to the Altinn APIs \(period)."
        if isManual { text += " The reason given: \(reason ?? "none stated")." }
        return text + " While the cut-off lasts, every request is answered 403 Forbidden. This notice says what "
            + "was seen, which sections of the terms of use it concerns, and how to get back in."
    }

    private var seen: String {
        let lines =
            evidence.isEmpty
            ? ["- No violation in the period of this report precedes the cut-off; ask the operator for the evidence."]
            : evidence.map { "- " + $0.evidenceSentence }
        return (["What was seen:"] + lines).joined(separator: "\n")
    }

    private var terms: String {
        (["The terms of use concerned:"] + sections.map { "- " + Self.explanation(ofSection: $0) })
            .joined(separator: "\n")
    }

    private var wayBack: String {
        var lines = ["How to get back in:"]
        switch (until, isManual) {
        case (let until?, false):
            lines.append(
                "- The cut-off ends by itself at \(ReportTime.readable(until)), or earlier if an operator lifts it; "
                    + "you need not ask.")
        case (let until?, true):
            lines.append(
                "- The cut-off ends at \(ReportTime.readable(until)), or earlier when an operator lifts it once the "
                    + "cause is dealt with.")
        case (nil, _):
            lines.append("- The cut-off lasts until an operator lifts it: tell the operator when the cause is fixed.")
        }
        var advised: [String] = []
        for violation in evidence where !advised.contains(violation.advice) {
            advised.append(violation.advice)
            lines.append("- For \(violation.route): \(violation.advice)")
        }
        lines.append(
            "- Once access is back, further violations climb the sanction ladder again, from notice through "
                + "throttle to another cut-off.")
        return lines.joined(separator: "\n")
    }

    private var closing: String {
        "If you believe this is a mistake, or want help moving to Altinn Events, contact the operator and give "
            + "your organisation number and the times above."
    }

    /// What a section of the terms asks, in a sentence.
    static func explanation(ofSection section: String) -> String {
        switch section {
        case "1.2.4":
            "§1.2.4, efficient and sustainable API use: keep the number of API calls down and prefer event-driven "
                + "integration (Altinn Events) to frequent calls (polling); systems that do not may be throttled "
                + "and, at worst, shut out."
        case "1.2.8":
            "§1.2.8: Digdir may disconnect a supplier's systems during a serious incident until it is fixed."
        case "2.2":
            "§2.2: use Dialogporten, not Altinn Melding, for the overview of an actor's messages."
        case "7.1":
            "§7.1: misuse, screen scraping among it, is a material breach of the terms."
        default:
            "§\(section) of the terms of use."
        }
    }
}

extension ThrottleReport.Violation {
    /// The terms' section a rule stands for: `1.2.4` for `1.2.4-polling`.
    var section: String { String(rule.prefix { $0 != "-" }) }

    /// The violation and its figures in a sentence: `1.2.4-polling on dialogporten.enduser.dialogs.search
    /// (dialogporten): 500 requests for 12 customers from … to …, a median 30.0 s apart, 96 % of the answers
    /// unchanged.`
    var evidenceSentence: String {
        var sentence =
            "\(rule) on \(route) (\(product)): \(requests) requests for \(customers) "
            + (customers == 1 ? "customer from " : "customers from ")
            + "\(ReportTime.readable(firstSeen)) to \(ReportTime.readable(lastSeen))"
        if let medianIntervalSeconds { sentence += ", a median \(Self.tenths(medianIntervalSeconds)) s apart" }
        if let unchangedRatio { sentence += ", \(Self.percent(unchangedRatio)) % of the answers unchanged" }
        return sentence + (isAdvisory ? " (reported as advice)." : ".")
    }

    /// `30.0`, `2.5`: seconds to one decimal.
    static func tenths(_ value: Double) -> String { "\((value * 10).rounded() / 10)" }

    static func percent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded()))" }
}
