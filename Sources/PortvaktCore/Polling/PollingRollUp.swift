/// Polling series gathered into supplier violations: one per supplier and route, whatever the number of
/// customers and series. Series that were never judged polling are left out; a series that was counts with
/// its evidence as it stood when last judged so.
///
/// Memory grows with the polling series added (a customer, a median and a score each), not with requests.
public struct PollingRollUp: Sendable {
    private struct Subject: Hashable {
        var supplier: String
        var route: Route
    }

    private struct Tally {
        var customers: Set<String?> = []
        var reads = 0
        var unchanged = 0
        var medians: [Int64] = []
        var periodicitySum = 0.0
        var firstSeen = Int64.max
        var lastSeen = Int64.min
    }

    private var tallies: [Subject: Tally] = [:]

    public init() {}

    /// Adds one series, if it ever was polling.
    public mutating func add(labels: PollingSeriesLabels, series: PollingSeries) {
        guard let evidence = series.pollingEvidence else { return }
        let subject = Subject(supplier: labels.supplier, route: labels.route)
        var tally = tallies[subject] ?? Tally()
        tally.customers.insert(labels.customer)
        tally.reads += Int(evidence.reads)
        tally.unchanged += Int(evidence.unchanged)
        tally.medians.append(evidence.medianIntervalNanoseconds)
        tally.periodicitySum += series.periodicity
        tally.firstSeen = min(tally.firstSeen, series.firstRead)
        tally.lastSeen = max(tally.lastSeen, evidence.lastRead)
        tallies[subject] = tally
    }

    /// The violations, by supplier and then route name.
    public var violations: [PollingViolation] {
        tallies.map { subject, tally in
            let medians = tally.medians.sorted()
            let middle = (medians[(medians.count - 1) / 2] + medians[medians.count / 2]) / 2
            return PollingViolation(
                supplier: subject.supplier, route: subject.route, customers: tally.customers.count,
                requests: tally.reads, medianIntervalNanoseconds: middle,
                unchangedRatio: Double(tally.unchanged) / Double(tally.reads), firstSeen: tally.firstSeen,
                lastSeen: tally.lastSeen, periodicity: tally.periodicitySum / Double(medians.count),
                advice: PollingAdvice.advice(for: subject.route))
        }
        .sorted { ($0.supplier, $0.route.name) < ($1.supplier, $1.route.name) }
    }
}
