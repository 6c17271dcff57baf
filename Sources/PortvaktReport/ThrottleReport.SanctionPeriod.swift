import PortvaktCore

extension ThrottleReport {
    /// A stretch of time a supplier spent at one sanction level.
    public struct SanctionPeriod: Sendable, Equatable {
        public var level: SanctionLevel
        /// Nanoseconds since the Unix epoch.
        public var since: Int64
        /// When it ended or is set to end; nil while it lasts with no end set (a manual sanction without `for`).
        public var until: Int64?
        /// Imposed by an operator through the admin API (terms §1.2.8) rather than climbed on the ladder.
        public var isManual: Bool
        /// The operator's reason for a manual sanction.
        public var reason: String?

        public init(level: SanctionLevel, since: Int64, until: Int64?, isManual: Bool, reason: String?) {
            self.level = level
            self.since = since
            self.until = until
            self.isManual = isManual
            self.reason = reason
        }
    }
}
