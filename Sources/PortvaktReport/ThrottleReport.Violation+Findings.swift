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

    /// A finding of the terms' other rules (§2.2, §7.1) as the report shows it: without an interval or an
    /// unchanged share, which these rules do not measure.
    public init(finding: TermsFinding) {
        self.init(
            rule: finding.rule, product: finding.route.product.rawValue, route: finding.route.name,
            customers: finding.customers, requests: finding.requests, medianIntervalSeconds: nil, unchangedRatio: nil,
            firstSeen: finding.firstSeen, lastSeen: finding.lastSeen, advice: finding.advice,
            isAdvisory: finding.isAdvisory)
    }
}
