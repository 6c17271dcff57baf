/// When a series of reads counts as polling (CONTRACT.md §5): at least `minRequests` successful reads, their
/// median interval at most `maxIntervalNanoseconds`, and at least `unchangedRatio` of them unchanged.
public struct PollingThresholds: Sendable, Equatable {
    public var minRequests: Int
    public var maxIntervalNanoseconds: Int64
    /// A share, 0…1.
    public var unchangedRatio: Double

    public init(minRequests: Int, maxIntervalNanoseconds: Int64, unchangedRatio: Double) {
        self.minRequests = minRequests
        self.maxIntervalNanoseconds = maxIntervalNanoseconds
        self.unchangedRatio = unchangedRatio
    }

    /// The contract's defaults: 10 reads, 10 minutes, 0.7.
    public static let `default` = PollingThresholds(
        minRequests: 10, maxIntervalNanoseconds: 600_000_000_000, unchangedRatio: 0.7)
}
