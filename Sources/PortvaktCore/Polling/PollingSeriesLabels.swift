/// What a series is about, in the report's words: kept once per series, when it is first seen, for the
/// roll-up into supplier violations.
public struct PollingSeriesLabels: Sendable, Hashable {
    /// First, so the memberwise initialiser's labels differ from the public one's, which delegates to it: see
    /// `RequestParty`.
    public var route: Route
    public var supplier: String
    /// nil when the supplier acts for itself or the log does not say.
    public var customer: String?
}

extension PollingSeriesLabels {
    public init(supplier: String, customer: String?, route: Route) {
        self.init(route: route, supplier: supplier, customer: customer)
    }
}
