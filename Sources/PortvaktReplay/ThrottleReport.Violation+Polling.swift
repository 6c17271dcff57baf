import PortvaktCore
import PortvaktReport

extension ThrottleReport.Violation {
    /// A polling violation as the report shows it.
    init(polling violation: PollingViolation) {
        self.init(
            rule: PollingViolation.rule, product: violation.route.product.rawValue, route: violation.route.name,
            customers: violation.customers, requests: violation.requests,
            medianIntervalSeconds: Double(violation.medianIntervalNanoseconds) / 1e9,
            unchangedRatio: violation.unchangedRatio, firstSeen: violation.firstSeen, lastSeen: violation.lastSeen,
            advice: violation.advice, periodicity: violation.periodicity)
    }
}
