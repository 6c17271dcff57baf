import PortvaktCore

/// The throttle report (CONTRACT.md §5): per supplier, how many requests it made, what the proxy did with
/// them, what the configured limits would do, its sanction level and its violations.
///
/// `replay` builds it from an access log and `report` (later) from the proxy's durable state; the renderers
/// (`jsonText`, `text`, `csvText`, `html`) know nothing of where it came from.
public struct ThrottleReport: Sendable, Equatable {
    /// The earliest and latest request covered, in nanoseconds since the Unix epoch; nil for no requests.
    public var from: Int64?
    public var until: Int64?
    /// One entry per supplier, sorted by `supplier`.
    public var suppliers: [Supplier]
    /// The rules that refused (or, in shadow mode, would have refused) requests, most refusals first.
    public var rules: [RuleRefusals]
    /// What the reader should know about how the figures came about (shown by every rendering).
    public var notes: [String]

    public init(from: Int64?, until: Int64?, suppliers: [Supplier], rules: [RuleRefusals], notes: [String] = []) {
        self.from = from
        self.until = until
        self.suppliers = suppliers
        self.rules = rules
        self.notes = notes
    }

    /// One supplier's line of the report.
    public struct Supplier: Sendable, Equatable {
        /// The organisation number, a pseudonym, or `anonymous`.
        public var supplier: String
        public var requests: Int
        /// What the proxy did, as recorded: forwarded (also in shadow mode), refused by a limit or a
        /// `throttle` sanction (429), refused by a `cutoff` (403).
        public var allowed: Int
        public var throttled: Int
        public var blocked: Int
        /// The requests the limits would refuse, enforced and shadow rules alike.
        public var wouldThrottle: Int
        /// The supplier's sanction level; nil when none.
        public var level: SanctionLevel?
        public var violations: [Violation]
        /// Its traffic hour by hour, ascending by `hour`; empty when the source keeps none (`replay`).
        public var usage: [UsageHour]
        /// The sanction levels it stood at, ascending by `since`; every cut-off among them gets a written notice.
        public var sanctions: [SanctionPeriod]

        public init(
            supplier: String, requests: Int = 0, allowed: Int = 0, throttled: Int = 0, blocked: Int = 0,
            wouldThrottle: Int = 0, level: SanctionLevel? = nil, violations: [Violation] = [], usage: [UsageHour] = [],
            sanctions: [SanctionPeriod] = []
        ) {
            self.supplier = supplier
            self.requests = requests
            self.allowed = allowed
            self.throttled = throttled
            self.blocked = blocked
            self.wouldThrottle = wouldThrottle
            self.level = level
            self.violations = violations
            self.usage = usage
            self.sanctions = sanctions
        }
    }

    /// How often one rule refused.
    public struct RuleRefusals: Sendable, Equatable {
        public var rule: String
        /// A shadow rule only counts; it never refused anyone.
        public var shadow: Bool
        public var refusals: Int

        public init(rule: String, shadow: Bool, refusals: Int) {
            self.rule = rule
            self.shadow = shadow
            self.refusals = refusals
        }
    }
}
