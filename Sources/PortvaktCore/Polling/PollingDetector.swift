/// The polling detector (CONTRACT.md §5), judged on the fly: each answer updates its series in O(1) and
/// says whether that series is now polling. Pure: the time comes with each answer (Unix nanoseconds).
///
/// A successful read is a GET or HEAD answered 2xx or 304. Everything else — writes, 4xx, a 429 or 5xx
/// and its retries — neither counts nor breaks a series, so a retry after a 503 is no evidence of polling,
/// and the interval runs from the read before it.
///
/// Memory: at most `capacity` series of `PollingSeriesTable.bytesPerSeries` each; when full, the series
/// idle longest leaves, and if it ever was polling its evidence goes to the roll-up first.
public struct PollingDetector: Sendable {
    /// A change applies from the next answer on; the series keep what they have seen.
    public var thresholds: PollingThresholds
    private var table: PollingSeriesTable
    private var evictedRollUp = PollingRollUp()

    public init(thresholds: PollingThresholds, capacity: Int = 1 << 16) {
        self.thresholds = thresholds
        table = PollingSeriesTable(capacity: capacity)
    }

    /// Judges one answer: `target` is the request's path and query as received, `responseDigest` the
    /// answer's ETag or body hash (nil for none).
    public mutating func observe(
        time: Int64, supplier: String, customer: String?, method: RequestMethod, host: String?, target: String,
        route: Route, status: Int, responseDigest: String?
    ) -> PollingVerdict {
        guard Self.isRead(method: method, status: status) else { return .notARead }
        return judgeRead(
            time: time, supplier: supplier, customer: customer, route: route, status: status,
            key: PollingSeriesKey(supplier: supplier, customer: customer, method: method, host: host, target: target),
            digest: responseDigest.map { ResponseDigestHash($0).value })
    }

    /// Judges a successful read (`isRead`) whose series key the caller has made, its digest hashed where it
    /// was found: `replay` makes both on its reading thread, so the replaying one only looks the series up.
    public mutating func observeRead(
        time: Int64, supplier: String, customer: String?, route: Route, status: Int, key: PollingSeriesKey,
        responseDigestHash: ResponseDigestHash?
    ) -> PollingVerdict {
        judgeRead(
            time: time, supplier: supplier, customer: customer, route: route, status: status, key: key,
            digest: responseDigestHash?.value)
    }

    /// Whether an answer is a successful read, the only kind a series counts: a GET or HEAD answered 2xx or 304.
    @inline(__always)
    public static func isRead(method: RequestMethod, status: Int) -> Bool {
        (method == .get || method == .head) && ((200...299).contains(status) || status == 304)
    }

    /// Hints that the series of `key` is about to be read: see `PollingSeriesTable.prefetchIndex(_:)`. Changes
    /// nothing; `mutating` so that a caller holding the detector in an optional property reaches it in place
    /// (called as a plain method there, through `replay`'s closures, the whole detector was copied per call).
    @inline(__always)
    public mutating func prefetchIndex(_ key: PollingSeriesKey) { table.prefetchIndex(key) }

    /// Hints that the series of `key` is about to be read: see `PollingSeriesTable.prefetchSeries(_:)`. Changes
    /// nothing; `mutating` as `prefetchIndex(_:)` is.
    @inline(__always)
    public mutating func prefetchSeries(_ key: PollingSeriesKey) { table.prefetchSeries(key) }

    /// Inlined into `observe` and `observeRead`: a call between them would cost every answer.
    @inline(__always)
    private mutating func judgeRead(
        time: Int64, supplier: String, customer: String?, route: Route, status: Int, key: PollingSeriesKey,
        digest: UInt64?
    ) -> PollingVerdict {
        let thresholds = self.thresholds
        func record(_ series: inout PollingSeries) -> (unchanged: Bool, polling: Bool) {
            series.record(time: time, notModified: status == 304, digest: digest, thresholds: thresholds)
        }
        if let outcome = table.updateIfPresent(key, record) {
            return .read(unchanged: outcome.unchanged, seriesIsPolling: outcome.polling)
        }
        let outcome = table.insert(
            key, labels: PollingSeriesLabels(supplier: supplier, customer: customer, route: route),
            evicting: { evictedRollUp.add(labels: $0, series: $1) }, record)
        return .read(unchanged: outcome.unchanged, seriesIsPolling: outcome.polling)
    }

    /// The series followed now.
    public var seriesCount: Int { table.count }

    /// Every supplier violation so far: the series that left the table and those still in it.
    public var violations: [PollingViolation] {
        var rollUp = evictedRollUp
        table.forEachSeries { rollUp.add(labels: $0, series: $1) }
        return rollUp.violations
    }
}
