/// Evidence that a supplier breaks one of the terms' rules beyond polling (`2.2-melding-overview`,
/// `7.1-scraping`): what it did, how much, for how many customers, and when.
public struct TermsFinding: Sendable, Equatable {
    /// The rule, named after the terms' section, e.g. `7.1-scraping`.
    public var rule: String
    public var supplier: String
    /// The route the evidence is about: the listing it overuses, or the first page it scraped.
    public var route: Route
    /// Different customers concerned (the count stops at the watch's cap).
    public var customers: Int
    public var requests: Int
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// What to do instead.
    public var advice: String
    /// Reported only: the config does not let this rule climb the sanction ladder.
    public var isAdvisory: Bool

    public init(
        rule: String, supplier: String, route: Route, customers: Int, requests: Int, firstSeen: Int64,
        lastSeen: Int64, advice: String, isAdvisory: Bool = true
    ) {
        self.rule = rule
        self.supplier = supplier
        self.route = route
        self.customers = customers
        self.requests = requests
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.advice = advice
        self.isAdvisory = isAdvisory
    }
}
