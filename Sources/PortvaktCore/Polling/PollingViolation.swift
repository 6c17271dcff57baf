/// One supplier polling one route (rule `1.2.4-polling`): its polling series rolled up, with the evidence
/// the report shows and the advice on what replaces the poll.
public struct PollingViolation: Sendable, Equatable {
    /// The terms' section this breaches, as reports name it.
    public static let rule = "1.2.4-polling"

    public var supplier: String
    public var route: Route
    /// How many distinct customers the supplier polled this route for (a supplier acting for itself is one).
    public var customers: Int
    /// The successful reads of the polling series.
    public var requests: Int
    /// The median of the series' median intervals.
    public var medianIntervalNanoseconds: Int64
    /// Unchanged reads over all reads of the polling series.
    public var unchangedRatio: Double
    /// The first read of the earliest polling series and the last read judged polling; Unix nanoseconds.
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// How regular the reads are, 0…1, the mean over the series (`Periodicity`); evidence only.
    public var periodicity: Double
    public var advice: String

    public init(
        supplier: String, route: Route, customers: Int, requests: Int, medianIntervalNanoseconds: Int64,
        unchangedRatio: Double, firstSeen: Int64, lastSeen: Int64, periodicity: Double, advice: String
    ) {
        self.supplier = supplier
        self.route = route
        self.customers = customers
        self.requests = requests
        self.medianIntervalNanoseconds = medianIntervalNanoseconds
        self.unchangedRatio = unchangedRatio
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.periodicity = periodicity
        self.advice = advice
    }
}
