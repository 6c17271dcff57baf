/// Every series the detector follows, at most `capacity` of them: when a new series finds the table full,
/// the series idle longest (least recently read) leaves and is handed back, so the caller can keep its
/// evidence. Pure; no clock.
///
/// Layout: slots in one array reserved up front, an index from key to slot, and the slots threaded on a
/// doubly linked list by recency (most recent at the head). Finding, touching and evicting a series are
/// O(1); reading an existing series never allocates.
public struct PollingSeriesTable: Sendable {
    private struct Slot: Sendable {
        var key: PollingSeriesKey
        var labels: PollingSeriesLabels
        var series: PollingSeries
        var newer: Int32
        var older: Int32
    }

    /// A series that left the table to make room.
    public typealias Evicted = (labels: PollingSeriesLabels, series: PollingSeries)

    public let capacity: Int
    private var slots: [Slot] = []
    private var index: [PollingSeriesKey: Int32] = [:]
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    /// A table of at most `capacity ≥ 1` series.
    public init(capacity: Int) {
        precondition(capacity >= 1 && capacity < Int(Int32.max))
        self.capacity = capacity
        slots.reserveCapacity(capacity)
        index.reserveCapacity(capacity)
    }

    public var count: Int { slots.count }

    /// The bytes one series takes: its slot and its share of the index (key, slot number, and the slack a
    /// hash table keeps at its 3/4 load), the array and dictionary headers aside.
    public static var bytesPerSeries: Int {
        MemoryLayout<Slot>.stride
            + (MemoryLayout<PollingSeriesKey>.stride + MemoryLayout<Int32>.stride) * 4 / 3
    }

    /// Runs `change` on the series of `key`, creating it with `labels` when new (evicting the idle-longest
    /// series if the table is full), and makes it the most recent.
    public mutating func update<Result>(
        _ key: PollingSeriesKey, labels: @autoclosure () -> PollingSeriesLabels,
        _ change: (inout PollingSeries) -> Result
    ) -> (result: Result, evicted: Evicted?) {
        if let position = index[key] {
            moveToNewest(position)
            return (change(&slots[Int(position)].series), nil)
        }
        var evicted: Evicted?
        let position: Int32
        if slots.count < capacity {
            position = Int32(slots.count)
            slots.append(Slot(key: key, labels: labels(), series: PollingSeries(), newer: -1, older: -1))
        } else {
            position = oldest
            let slot = slots[Int(position)]
            evicted = (slot.labels, slot.series)
            index[slot.key] = nil
            unlink(position)
            slots[Int(position)] = Slot(key: key, labels: labels(), series: PollingSeries(), newer: -1, older: -1)
        }
        index[key] = position
        linkAsNewest(position)
        return (change(&slots[Int(position)].series), evicted)
    }

    /// The series of `key`, if followed.
    public func series(_ key: PollingSeriesKey) -> PollingSeries? {
        index[key].map { slots[Int($0)].series }
    }

    /// Every series followed, in no particular order.
    public var all: [(labels: PollingSeriesLabels, series: PollingSeries)] {
        slots.map { ($0.labels, $0.series) }
    }

    private mutating func moveToNewest(_ position: Int32) {
        guard position != newest else { return }
        unlink(position)
        linkAsNewest(position)
    }

    private mutating func unlink(_ position: Int32) {
        let (newer, older) = (slots[Int(position)].newer, slots[Int(position)].older)
        if newer >= 0 { slots[Int(newer)].older = older } else { newest = older }
        if older >= 0 { slots[Int(older)].newer = newer } else { oldest = newer }
    }

    private mutating func linkAsNewest(_ position: Int32) {
        slots[Int(position)].newer = -1
        slots[Int(position)].older = newest
        if newest >= 0 { slots[Int(newest)].newer = position }
        newest = position
        if oldest < 0 { oldest = position }
    }
}
