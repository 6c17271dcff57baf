import PortvaktCore

extension TermsRules.Settings {
    /// The rules as the `rules` section sets them; a disabled rule is nil.
    public init(configuration rules: PortvaktConfiguration.Rules) {
        func rule(_ rule: PortvaktConfiguration.Rules.Rule) -> TermsRules.Rule? {
            rule.enabled ? TermsRules.Rule(minimum: rule.minimum, escalates: rule.escalate) : nil
        }
        self.init(meldingOverview: rule(rules.meldingOverview), scraping: rule(rules.scraping))
    }
}
