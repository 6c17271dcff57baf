import PortvaktCore

extension PollingThresholds {
    /// The detector's view of the configured `polling` section; nil when it is disabled.
    public init?(configuration polling: PortvaktConfiguration.Polling) {
        guard polling.enabled else { return nil }
        self.init(
            minRequests: polling.minRequests, maxIntervalNanoseconds: polling.maxInterval.nanoseconds,
            unchangedRatio: polling.unchangedRatio)
    }
}
