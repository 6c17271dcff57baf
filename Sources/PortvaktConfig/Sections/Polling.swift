extension PortvaktConfiguration {
    /// When a series of reads counts as polling (contract §5).
    public struct Polling: Sendable, Equatable {
        public var enabled: Bool
        /// At least this many successful reads of one series …
        public var minRequests: Int
        /// … at a median interval no longer than this …
        public var maxInterval: Duration
        /// … of which at least this share (0…1) brought nothing new.
        public var unchangedRatio: Double

        public init(enabled: Bool, minRequests: Int, maxInterval: Duration, unchangedRatio: Double) {
            self.enabled = enabled
            self.minRequests = minRequests
            self.maxInterval = maxInterval
            self.unchangedRatio = unchangedRatio
        }

        public static let `default` = Polling(
            enabled: true, minRequests: 10, maxInterval: .seconds(600), unchangedRatio: 0.7)
    }
}

extension PortvaktConfiguration.Polling {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            enabled: section.scalar("enabled", .boolean) ?? d.enabled,
            // A median interval needs two reads.
            minRequests: section.scalar("min_requests", .integer(atLeast: 2)) ?? d.minRequests,
            maxInterval: section.scalar("max_interval", .duration) ?? d.maxInterval,
            unchangedRatio: section.scalar("unchanged_ratio", .fraction(0...1)) ?? d.unchangedRatio)
    }
}
