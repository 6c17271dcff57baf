extension PortvaktConfiguration {
    /// The terms' rules beyond polling: `rules.melding_overview` (§2.2) and `rules.scraping` (§7.1).
    public struct Rules: Sendable, Equatable {
        /// One rule: on or off, its threshold, and whether a finding climbs the sanction ladder.
        public struct Rule: Sendable, Equatable {
            public var enabled: Bool
            /// `min_customers` for §2.2, `min_requests` for §7.1.
            public var minimum: Int
            public var escalate: Bool

            public init(enabled: Bool = true, minimum: Int, escalate: Bool = false) {
                self.enabled = enabled
                self.minimum = minimum
                self.escalate = escalate
            }
        }

        public var meldingOverview: Rule
        public var scraping: Rule

        public init(meldingOverview: Rule, scraping: Rule) {
            self.meldingOverview = meldingOverview
            self.scraping = scraping
        }

        public static let `default` = Rules(meldingOverview: Rule(minimum: 10), scraping: Rule(minimum: 10))
    }
}

extension PortvaktConfiguration.Rules {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            meldingOverview: section.section("melding_overview") { Rule(reading: $0, minimumKey: "min_customers") }
                ?? d.meldingOverview,
            scraping: section.section("scraping") { Rule(reading: $0, minimumKey: "min_requests") } ?? d.scraping)
    }
}

extension PortvaktConfiguration.Rules.Rule {
    init(reading section: SectionReader, minimumKey: String) {
        self.init(
            enabled: section.scalar("enabled", .boolean) ?? true,
            minimum: section.scalar(minimumKey, .integer(atLeast: 1)) ?? 10,
            escalate: section.scalar("escalate", .boolean) ?? false)
    }
}
