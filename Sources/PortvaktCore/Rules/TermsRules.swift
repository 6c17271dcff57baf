/// The terms' rules beyond polling — `2.2-melding-overview` and `7.1-scraping` — as the configuration sets
/// them: each on or off, its threshold, and whether its findings climb the sanction ladder or are only
/// reported. The live ledger and `replay` both feed every request through one of these. Pure.
public struct TermsRules: Sendable {
    /// How one rule is configured.
    public struct Rule: Sendable, Equatable {
        /// The rule's threshold: customers listed for §2.2, browser-like requests for §7.1.
        public var minimum: Int
        /// A finding is a violation on the ladder; otherwise it is advice in the report.
        public var escalates: Bool

        public init(minimum: Int, escalates: Bool = false) {
            self.minimum = minimum
            self.escalates = escalates
        }
    }

    /// Both rules; nil turns one off.
    public struct Settings: Sendable, Equatable {
        public var meldingOverview: Rule?
        public var scraping: Rule?

        public init(meldingOverview: Rule?, scraping: Rule?) {
            self.meldingOverview = meldingOverview
            self.scraping = scraping
        }

        /// Both on and advisory: ten customers listed through Melding, ten scraped pages.
        public static let `default` = Settings(meldingOverview: Rule(minimum: 10), scraping: Rule(minimum: 10))
    }

    public private(set) var settings: Settings
    private var meldingOverview: MeldingOverviewWatch?
    private var scraping: ScrapingWatch?

    public init(settings: Settings = .default) {
        self.settings = settings
        meldingOverview = settings.meldingOverview.map { MeldingOverviewWatch(minCustomers: $0.minimum) }
        scraping = settings.scraping.map { ScrapingWatch(minRequests: $0.minimum) }
    }

    /// The rules under new `settings` (a reload): a rule keeps what it has seen unless it was turned off or its
    /// threshold changed; whether it escalates applies from its next finding.
    public mutating func reconfigure(_ settings: Settings) {
        if settings.meldingOverview?.minimum != self.settings.meldingOverview?.minimum {
            meldingOverview = settings.meldingOverview.map { MeldingOverviewWatch(minCustomers: $0.minimum) }
        }
        if settings.scraping?.minimum != self.settings.scraping?.minimum {
            scraping = settings.scraping.map { ScrapingWatch(minRequests: $0.minimum) }
        }
        self.settings = settings
    }

    /// Takes in one finished request of a verified supplier. Returns the rule it breaks when that rule
    /// escalates: the caller records it on the supplier's ladder (which counts it again only after `recount`).
    public mutating func observe(
        time: Int64, supplier: String, customer: String?, route: Route, status: Int, isBrowserLike: Bool
    ) -> String? {
        if meldingOverview?.observe(time: time, supplier: supplier, customer: customer, route: route, status: status)
            == true, settings.meldingOverview?.escalates == true
        {
            return MeldingOverviewWatch.rule
        }
        if scraping?.observe(
            time: time, supplier: supplier, customer: customer, route: route, isBrowserLike: isBrowserLike) == true,
            settings.scraping?.escalates == true
        {
            return ScrapingWatch.rule
        }
        return nil
    }

    /// Every finding so far, §2.2 before §7.1, each marked advisory unless its rule escalates.
    public var findings: [TermsFinding] {
        let melding = (meldingOverview?.findings ?? []).map {
            marked($0, advisory: settings.meldingOverview?.escalates != true)
        }
        let scraped = (scraping?.findings ?? []).map { marked($0, advisory: settings.scraping?.escalates != true) }
        return melding + scraped
    }

    private func marked(_ finding: TermsFinding, advisory: Bool) -> TermsFinding {
        var finding = finding
        finding.isAdvisory = advisory
        return finding
    }
}
