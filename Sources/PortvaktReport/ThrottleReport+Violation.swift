extension ThrottleReport {
    /// One breach of the terms by a supplier, with its evidence: e.g. polling one Dialogporten search for
    /// twelve customers every 30 s (`1.2.4-polling`), or sustained refusals by limit (`1.2.4-rate`).
    public struct Violation: Sendable, Equatable {
        /// The section of the terms: `1.2.4-polling`, `1.2.4-rate`, …
        public var rule: String
        public var product: String
        public var route: String
        /// How many of the supplier's customers the violating requests were for.
        public var customers: Int
        public var requests: Int
        /// The median time between the violating requests; nil when the rule does not measure it.
        public var medianIntervalSeconds: Double?
        /// The share of answers that brought nothing new; nil when the rule does not measure it.
        public var unchangedRatio: Double?
        /// Nanoseconds since the Unix epoch.
        public var firstSeen: Int64
        public var lastSeen: Int64
        /// What the supplier should do instead.
        public var advice: String
        /// How regular the requests were, 0 (no pattern) to 1 (a timer); evidence only, nil when the rule
        /// does not measure it.
        public var periodicity: Double?
        /// Reported for the operator's judgement, never put on the sanction ladder (e.g. `2.2-melding-overview`).
        public var isAdvisory: Bool

        public init(
            rule: String, product: String, route: String, customers: Int, requests: Int,
            medianIntervalSeconds: Double?, unchangedRatio: Double?, firstSeen: Int64, lastSeen: Int64, advice: String,
            periodicity: Double? = nil, isAdvisory: Bool = false
        ) {
            self.rule = rule
            self.product = product
            self.route = route
            self.customers = customers
            self.requests = requests
            self.medianIntervalSeconds = medianIntervalSeconds
            self.unchangedRatio = unchangedRatio
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.advice = advice
            self.periodicity = periodicity
            self.isAdvisory = isAdvisory
        }
    }
}
