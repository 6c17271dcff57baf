/// The polling detector (CONTRACT.md §5), judged on the fly: each answer updates its series in O(1) and
/// says whether that series is now polling. Pure: the time comes with each answer (Unix nanoseconds).
///
/// A successful read is a GET or HEAD answered 2xx or 304. Everything else — writes, 4xx, a 429 or 5xx
/// and its retries — neither counts nor breaks a series, so a retry after a 503 is no evidence of polling,
/// and the interval runs from the read before it.
///
/// Memory: at most `capacity` series of `PollingSeriesTable.bytesPerSeries` each; when full, the series
/// idle longest leaves, and if it ever was polling its evidence goes to the roll-up first. A series read only
/// once is held apart as that one read (`FirstReads`, at most `capacity` of `bytesPerFirstRead`), and takes a
/// place in the table at its second: most series are read once, and would push out those read again.
public struct PollingDetector: Sendable {
    /// A change applies from the next answer on; the series keep what they have seen.
    public var thresholds: PollingThresholds
    private var table: PollingSeriesTable
    private var firstReads: FirstReads
    private var evictedRollUp = PollingRollUp()

    public init(thresholds: PollingThresholds, capacity: Int = 1 << 16) {
        self.thresholds = thresholds
        table = PollingSeriesTable(capacity: capacity)
        firstReads = FirstReads(capacity: capacity)
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
    public mutating func prefetchIndex(_ key: PollingSeriesKey) {
        table.prefetchIndex(key)
        firstReads.prefetchIndex(key)
    }

    /// Hints that the series of `key` is about to be read: see `PollingSeriesTable.prefetchSeries(_:)`. Changes
    /// nothing; `mutating` as `prefetchIndex(_:)` is.
    @inline(__always)
    public mutating func prefetchSeries(_ key: PollingSeriesKey) {
        table.prefetchSeries(key)
        firstReads.prefetchRead(key)
    }

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
        guard let first = firstReads.take(key) else {
            // What a new series' first `record` says: nothing recent to match, no interval yet, so not polling.
            firstReads.insert(.init(time: time, notModified: status == 304, digest: digest), for: key)
            return .read(unchanged: status == 304, seriesIsPolling: false)
        }
        let outcome = table.insert(
            key, labels: PollingSeriesLabels(supplier: supplier, customer: customer, route: route),
            evicting: { evictedRollUp.add(labels: $0, series: $1) }
        ) { series in
            _ = series.record(
                time: first.time, notModified: first.notModified, digest: first.digest, thresholds: thresholds)
            return record(&series)
        }
        return .read(unchanged: outcome.unchanged, seriesIsPolling: outcome.polling)
    }

    /// The bytes a series read once takes while it waits for its second read (`FirstReads`); once read again,
    /// it takes `PollingSeriesTable.bytesPerSeries`.
    public static var bytesPerFirstRead: Int { FirstReads.bytesPerRead }

    /// The series followed now, those read once among them.
    public var seriesCount: Int { table.count + firstReads.count }

    /// Every supplier violation so far: the series that left the table and those still in it.
    public var violations: [PollingViolation] {
        var rollUp = evictedRollUp
        table.forEachSeries { rollUp.add(labels: $0, series: $1) }
        return rollUp.violations
    }
}
