import CPrefetch

/// The series read once so far, each as its one read: most series are never read again (a dialog opened, an
/// instance fetched), and a series of one read is never polling, so it waits here, in 40 bytes, rather than
/// in a table slot of nearly 500 that a later series would evict it from. Its second read takes it out
/// (`take(_:)`) to start the full series with both.
///
/// At most `capacity` of them, in a ring in the order they came: a first read is forgotten once `capacity`
/// more have come after it, the oldest first, as the table forgets its idle series. One forgotten loses no
/// evidence; a read of its series after that is a first read again.
struct FirstReads: Sendable {
    /// One read as the series needs it to start (`PollingSeries.record`).
    struct Read: Sendable, Equatable {
        var time: Int64
        var notModified: Bool
        var digest: UInt64?
    }

    /// A read in the ring; `isHeld` false once it was taken or forgotten.
    private struct Entry: Sendable {
        var key: PollingSeriesKey
        var time: Int64
        var digest: UInt64
        var hasDigest: Bool
        var notModified: Bool
        var isHeld: Bool
    }

    let capacity: Int
    private var ring: [Entry] = []
    /// Where the next read goes once the ring is full: its oldest entry.
    private var oldest = 0
    private var index: SeriesIndex
    private(set) var count = 0

    /// Room for `capacity ≥ 1` reads.
    init(capacity: Int) {
        precondition(capacity >= 1 && capacity < Int(Int32.max))
        self.capacity = capacity
        index = SeriesIndex(capacity: capacity)
    }

    /// The bytes one read takes: its entry and its share of the index.
    static var bytesPerRead: Int { MemoryLayout<Entry>.stride + SeriesIndex.bytesPerKey }

    /// Removes and returns the read of `key`'s series, if one is held.
    mutating func take(_ key: PollingSeriesKey) -> Read? {
        let found = find(key)
        guard found.isFound else { return nil }
        let position = Int(index.position(at: found.entry))
        index.remove(at: found.entry)
        ring[position].isHeld = false
        count -= 1
        let entry = ring[position]
        return Read(time: entry.time, notModified: entry.notModified, digest: entry.hasDigest ? entry.digest : nil)
    }

    /// Holds `read` as the first of `key`'s series, which has none held (`take(_:)` just said so), forgetting
    /// the oldest read when full.
    mutating func insert(_ read: Read, for key: PollingSeriesKey) {
        let entry = Entry(
            key: key, time: read.time, digest: read.digest ?? 0, hasDigest: read.digest != nil,
            notModified: read.notModified, isHeld: true)
        let position: Int
        if ring.count < capacity {
            position = ring.count
            ring.append(entry)
        } else {
            position = oldest
            oldest = oldest + 1 == capacity ? 0 : oldest + 1
            if ring[position].isHeld {
                index.remove(at: find(ring[position].key).entry)
                count -= 1
            }
            ring[position] = entry
        }
        // Found after any removal, which may have shifted the run the new key's probe ends in.
        let found = find(key)
        assert(!found.isFound, "a first read held twice")
        index.insert(Int32(position), for: key, at: found.entry)
        count += 1
        if ring.count == capacity { prefetchNextVictims() }
    }

    /// In a full ring every read forgets the oldest, whose index entry no cache holds: the next one's starts
    /// loading now, found from its key, which the insert before this one hinted at with the entry after it, so
    /// that by the next two inserts each is there (`PollingSeriesTable` does the same for its slots).
    private func prefetchNextVictims() {
        ring.withUnsafeBufferPointer { ring in
            index.prefetch(ring[oldest].key)
            portvakt_prefetch(ring.baseAddress! + (oldest + 1 == capacity ? 0 : oldest + 1))
        }
    }

    /// Starts loading the index entry where the probe for `key` begins: see `PollingSeriesTable.prefetchIndex(_:)`.
    @inline(__always)
    func prefetchIndex(_ key: PollingSeriesKey) { index.prefetch(key) }

    /// Starts loading the entry `key`'s read is likely in: see `PollingSeriesTable.prefetchSeries(_:)`.
    func prefetchRead(_ key: PollingSeriesKey) {
        guard let position = index.likelyPosition(of: key) else { return }
        ring.withUnsafeBufferPointer { portvakt_prefetch($0.baseAddress! + Int(position)) }
    }

    private func find(_ key: PollingSeriesKey) -> (entry: Int, isFound: Bool) {
        index.find(key) { ring[Int($0)].key }
    }
}
