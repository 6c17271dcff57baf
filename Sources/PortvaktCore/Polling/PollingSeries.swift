/// One series' state (CONTRACT.md §5), fixed in size: counts of successful reads and of unchanged ones, the
/// recent answers, the recent intervals, and the evidence as it stood when the series was last judged
/// polling, so a series that stops polling keeps its evidence for the report.
public struct PollingSeries: Sendable {
    public private(set) var reads: UInt32 = 0
    public private(set) var unchanged: UInt32 = 0
    /// Nanoseconds since the Unix epoch.
    public private(set) var firstRead: Int64 = 0
    public private(set) var lastRead: Int64 = 0
    private var digests = RecentDigests()
    private(set) var intervals = IntervalWindow()
    /// The evidence at the last read judged polling; nil while the series never was.
    public private(set) var pollingEvidence: Evidence?

    /// A polling series' figures at one moment.
    public struct Evidence: Sendable, Equatable {
        public var reads: UInt32
        public var unchanged: UInt32
        public var medianIntervalNanoseconds: Int64
        public var lastRead: Int64
    }

    init() {}

    /// Counts one successful read at `time`: unchanged when `notModified` (a 304) or when its digest hash is
    /// among the recent ones. Returns whether the series is polling after it.
    mutating func record(
        time: Int64, notModified: Bool, digest: UInt64?, thresholds: PollingThresholds
    ) -> (unchanged: Bool, polling: Bool) {
        let isUnchanged = digest.map { digests.recordIsUnchanged($0) || notModified } ?? notModified
        if reads == 0 {
            firstRead = time
        } else {
            intervals.record(nanoseconds: time - lastRead)
        }
        lastRead = max(lastRead, time)
        reads &+= 1
        if isUnchanged { unchanged &+= 1 }
        let polling = isPolling(under: thresholds)
        if polling, let median = intervals.medianNanoseconds {
            pollingEvidence = Evidence(
                reads: reads, unchanged: unchanged, medianIntervalNanoseconds: median, lastRead: lastRead)
        }
        return (isUnchanged, polling)
    }

    /// The definition: enough reads, close enough together, mostly unchanged.
    @inline(__always)  // called on its own, it copies the whole series first
    public func isPolling(under thresholds: PollingThresholds) -> Bool {
        guard Int(reads) >= thresholds.minRequests, let median = intervals.medianNanoseconds else { return false }
        return median <= thresholds.maxIntervalNanoseconds
            && Double(unchanged) >= thresholds.unchangedRatio * Double(reads)
    }

    /// How regular the reads are, 0…1 (see `Periodicity`); evidence only, never part of the verdict.
    public var periodicity: Double { Periodicity.score(sortedMilliseconds: intervals.sortedMilliseconds) }
}
