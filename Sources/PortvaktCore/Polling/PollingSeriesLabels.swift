/// What a series is about, in the report's words: kept once per series, when it is first seen, for the
/// roll-up into supplier violations.
public struct PollingSeriesLabels: Sendable, Hashable {
    public var supplier: String
    /// nil when the supplier acts for itself or the log does not say.
    public var customer: String?
    public var route: Route

    public init(supplier: String, customer: String?, route: Route) {
        self.supplier = supplier
        self.customer = customer
        self.route = route
    }
}
