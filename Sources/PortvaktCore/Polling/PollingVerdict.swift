/// What the detector made of one answer.
public enum PollingVerdict: Sendable, Equatable {
    /// Not a successful read (a write, an error, a 429 or 5xx): it neither counts nor breaks its series.
    case notARead
    /// A successful read: whether it brought nothing new, and whether its series is now polling.
    case read(unchanged: Bool, seriesIsPolling: Bool)
}
