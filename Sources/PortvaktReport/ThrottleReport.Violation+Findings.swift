import PortvaktCore

extension ThrottleReport.Violation {
    /// A polling violation as the report shows it.
    public init(polling violation: PollingViolation) {
        self.init(
            rule: PollingViolation.rule, product: violation.route.product.rawValue, route: violation.route.name,
            customers: violation.customers, requests: violation.requests,
            medianIntervalSeconds: Double(violation.medianIntervalNanoseconds) / 1e9,
            unchangedRatio: violation.unchangedRatio, firstSeen: violation.firstSeen, lastSeen: violation.lastSeen,
            advice: violation.advice, periodicity: violation.periodicity)
    }

    /// A §2.2 finding as the report shows it: advisory, and without an interval or unchanged share.
    public init(meldingOverview finding: MeldingOverviewWatch.Finding) {
        self.init(
            rule: MeldingOverviewWatch.rule, product: Product.correspondence.rawValue,
            route: MeldingOverviewWatch.correspondenceList, customers: finding.customers, requests: finding.requests,
            medianIntervalSeconds: nil, unchangedRatio: nil, firstSeen: finding.firstSeen, lastSeen: finding.lastSeen,
            advice: finding.advice, isAdvisory: true)
    }
}
