import CPrefetch

/// Every series the detector follows, at most `capacity` of them: when a new series finds the table full,
/// the series idle longest (least recently read) leaves and is handed back, so the caller can keep its
/// evidence. Pure; no clock.
///
/// Layout: slots in one array reserved up front, an index from key to slot (`SeriesIndex`), and the slots
/// threaded on a doubly linked list by recency (most recent at the head), its links in an array beside the
/// slots. Finding, touching and evicting a series are O(1); reading an existing series never allocates.
public struct PollingSeriesTable: Sendable {
    private struct Slot: Sendable {
        var key: PollingSeriesKey
        var labels: PollingSeriesLabels
        var series: PollingSeries
    }

    /// A slot's neighbours by recency (-1 for none), kept apart from the slots: every read relinks up to three
    /// of them, and in a compact array of their own they stay in cache where the slots, 490 bytes each, do not.
    private struct Link: Sendable {
        var newer: Int32 = -1
        var older: Int32 = -1
    }

    public let capacity: Int
    private var slots: [Slot] = []
    private var links: [Link] = []
    private var index: SeriesIndex
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    /// A table of at most `capacity ≥ 1` series.
    public init(capacity: Int) {
        precondition(capacity >= 1 && capacity < Int(Int32.max))
        self.capacity = capacity
        slots.reserveCapacity(capacity)
        links.reserveCapacity(capacity)
        index = SeriesIndex(capacity: capacity)
    }

    public var count: Int { slots.count }

    /// The bytes one series takes: its slot, its links and its share of the index, the arrays' headers aside.
    public static var bytesPerSeries: Int {
        MemoryLayout<Slot>.stride + MemoryLayout<Link>.stride + SeriesIndex.bytesPerKey
    }

    /// Runs `change` on the series of `key` if it is followed, and makes it the most recent; nil when it is
    /// not. Hands back no new series' labels and no evicted series: an optional series returned on every read
    /// would be zeroed and copied on every read.
    public mutating func updateIfPresent<Result>(
        _ key: PollingSeriesKey, _ change: (inout PollingSeries) -> Result
    ) -> Result? {
        let entry = find(key)
        guard entry.isFound else { return nil }
        let position = index.position(at: entry.entry)
        moveToNewest(position)
        return change(&slots[Int(position)].series)
    }

    /// Starts the series of `key`, which the table does not follow (`updateIfPresent` just said so), with
    /// `labels`, handing the idle-longest series to `evict` first if the table is full; runs `change` on it and
    /// makes it the most recent. A new series is thus probed for once more, not twice: once to find where it
    /// goes. The evicted series is read where it lies: returned, it was copied (490 bytes) and an optional of
    /// that size zeroed on every insert.
    public mutating func insert<Result>(
        _ key: PollingSeriesKey, labels: consuming PollingSeriesLabels,
        evicting evict: (_ labels: PollingSeriesLabels, _ series: PollingSeries) -> Void,
        _ change: (inout PollingSeries) -> Result
    ) -> Result {
        let position: Int32
        if slots.count < capacity {
            position = Int32(slots.count)
            slots.append(Slot(key: key, labels: labels, series: PollingSeries()))
            links.append(Link())
        } else {
            position = oldest
            evict(slots[Int(position)].labels, slots[Int(position)].series)
            index.remove(at: find(slots[Int(position)].key).entry)
            unlink(position)
            slots[Int(position)] = Slot(key: key, labels: labels, series: PollingSeries())
        }
        // Found after any removal, which may have shifted the run the new key's probe ends in.
        let entry = find(key)
        assert(!entry.isFound, "a series inserted twice")
        index.insert(position, for: key, at: entry.entry)
        linkAsNewest(position)
        if slots.count == capacity { prefetchNextVictims() }
        return change(&slots[Int(position)].series)
    }

    /// In a full table every new series evicts the idle-longest one, whose slot (copied out) and index entry
    /// (removed) no cache holds: the next victim's index entry and the slot of the one after it start loading
    /// now, so that by the next two inserts each is there. The next victim's key is read from its slot, which
    /// the insert before this one hinted at. Hints only: a victim read in between simply stays.
    private func prefetchNextVictims() {
        let next = oldest
        guard next >= 0 else { return }
        index.prefetch(slots[Int(next)].key)
        let after = links[Int(next)].newer
        if after >= 0 { prefetchSlot(after) }
    }

    /// Starts loading every cache line of the slot at `position`.
    private func prefetchSlot(_ position: Int32) {
        slots.withUnsafeBufferPointer { slots in
            let start = UnsafeRawPointer(slots.baseAddress! + Int(position))
            for offset in stride(from: 0, to: MemoryLayout<Slot>.stride, by: 64) { portvakt_prefetch(start + offset) }
            portvakt_prefetch(start + MemoryLayout<Slot>.stride - 1)
        }
    }

    /// Starts loading the index entry where the probe for `key` begins. The first of two hints a caller that
    /// knows its next keys gives some reads ahead (`replay`): a table of tens of thousands of series does not
    /// stay in cache, and otherwise each read waits for the index and then for its slot, one after the other.
    @inline(__always)
    public func prefetchIndex(_ key: PollingSeriesKey) { index.prefetch(key) }

    /// Starts loading the slot of `key`, the second hint, given once the index entry has had time to arrive.
    /// The slot is found by its tag alone, as `find` would before comparing keys: a slot read here would be
    /// the very wait the hint is meant to save. Nothing for a key not followed (its read will insert it).
    public func prefetchSeries(_ key: PollingSeriesKey) {
        if let position = index.likelyPosition(of: key) { prefetchSlot(position) }
    }

    /// The series of `key`, if followed.
    public func series(_ key: PollingSeriesKey) -> PollingSeries? {
        let entry = find(key)
        return entry.isFound ? slots[Int(index.position(at: entry.entry))].series : nil
    }

    /// Calls `body` with every series followed, in no particular order, each read where it lies: a copy of them
    /// all would take a slot's 490 bytes a series, 32 MiB for a day's table, for callers that keep few of them.
    public func forEachSeries(_ body: (_ labels: PollingSeriesLabels, _ series: PollingSeries) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            for index in slots.indices { body(slots[index].labels, slots[index].series) }
        }
    }

    private mutating func moveToNewest(_ position: Int32) {
        guard position != newest else { return }
        unlink(position)
        linkAsNewest(position)
    }

    private mutating func unlink(_ position: Int32) {
        let (newer, older) = (links[Int(position)].newer, links[Int(position)].older)
        if newer >= 0 { links[Int(newer)].older = older } else { newest = older }
        if older >= 0 { links[Int(older)].newer = newer } else { oldest = newer }
    }

    private mutating func linkAsNewest(_ position: Int32) {
        links[Int(position)] = Link(newer: -1, older: newest)
        if newest >= 0 { links[Int(newest)].newer = position }
        newest = position
        if oldest < 0 { oldest = position }
    }

    /// The index entry that holds `key`, or the vacant one where its probe ends (where it would go).
    private func find(_ key: PollingSeriesKey) -> (entry: Int, isFound: Bool) {
        index.find(key) { slots[Int($0)].key }
    }
}
