import CPrefetch

/// Where series keys are kept in an array their owner holds (`PollingSeriesTable`'s slots, `FirstReads`'
/// ring): open addressing with linear probing over 4/3 of `capacity` entries, each a position in that array and
/// a tag, the top 32 bits of the key's first word. The key is already a keyed hash, so it is its own hash (no
/// `Hasher` pass per read), a probe that meets another key's entry rarely needs to read that key where it is
/// kept, and an entry's home follows from its tag alone. Removal shifts the following run back (no
/// tombstones), finding each entry's home from its tag: reading it from where the key is kept cost a cache miss
/// per entry of the run, and removals are as frequent as new series once a table is full.
struct SeriesIndex: Sendable {
    /// One entry: a position (-1 when vacant) and the key's tag.
    private struct Entry: Sendable {
        var position: Int32
        var tag: UInt32

        static let vacant = Entry(position: -1, tag: 0)
    }

    private var entries: [Entry]

    /// An index for at most `capacity` keys.
    init(capacity: Int) {
        entries = Array(repeating: .vacant, count: capacity + capacity / 3 + 1)
    }

    /// The index's bytes per key: an entry, and the slack of its 3/4 load.
    static var bytesPerKey: Int { MemoryLayout<Entry>.stride * 4 / 3 }

    /// The entry that holds `key`, or the vacant one where its probe ends (where it would go). `keyAt` reads the
    /// key kept at a position, for an entry whose tag matches.
    @inline(__always)
    func find(_ key: PollingSeriesKey, keyAt: (Int32) -> PollingSeriesKey) -> (entry: Int, isFound: Bool) {
        let tag = Self.tag(key)
        var entry = home(tag)
        while true {
            let position = entries[entry].position
            if position < 0 { return (entry, false) }
            if entries[entry].tag == tag, keyAt(position) == key { return (entry, true) }
            entry = entry + 1 == entries.count ? 0 : entry + 1
        }
    }

    /// The position the entry `entry` holds.
    @inline(__always)
    func position(at entry: Int) -> Int32 { entries[entry].position }

    /// Makes the vacant entry `entry`, where `find` ended for `key`, hold `position`.
    @inline(__always)
    mutating func insert(_ position: Int32, for key: PollingSeriesKey, at entry: Int) {
        entries[entry] = Entry(position: position, tag: Self.tag(key))
    }

    /// Empties the entry `entry` and shifts back each following entry that may move closer to its home, so that
    /// every key stays reachable from its home without crossing a vacant entry.
    mutating func remove(at entry: Int) {
        var hole = entry
        var next = hole + 1 == entries.count ? 0 : hole + 1
        while entries[next].position >= 0 {
            // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
            let home = home(entries[next].tag)
            if distance(from: home, to: next) >= distance(from: hole, to: next) {
                entries[hole] = entries[next]
                hole = next
            }
            next = next + 1 == entries.count ? 0 : next + 1
        }
        entries[hole] = .vacant
    }

    /// Starts loading the entry where the probe for `key` begins.
    @inline(__always)
    func prefetch(_ key: PollingSeriesKey) {
        entries.withUnsafeBufferPointer { portvakt_prefetch($0.baseAddress! + home(Self.tag(key))) }
    }

    /// The position of the first entry on `key`'s probe with its tag, without reading any key: for hints, where
    /// reading a key would be the very wait the hint is meant to save. Nil when no entry has the tag.
    func likelyPosition(of key: PollingSeriesKey) -> Int32? {
        let tag = Self.tag(key)
        var entry = home(tag)
        return entries.withUnsafeBufferPointer { entries in
            while entries[entry].position >= 0 {
                if entries[entry].tag == tag { return entries[entry].position }
                entry = entry + 1 == entries.count ? 0 : entry + 1
            }
            return nil
        }
    }

    /// Where a key's probe starts: its tag scaled to the index by a multiplication (no power of two needed).
    @inline(__always)
    private func home(_ tag: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(tag) &* UInt64(entries.count)) >> 32)
    }

    @inline(__always)
    private static func tag(_ key: PollingSeriesKey) -> UInt32 { UInt32(truncatingIfNeeded: key.first >> 32) }

    /// Entries from `start` forward to `end`, wrapping at the end of the index.
    private func distance(from start: Int, to end: Int) -> Int {
        end >= start ? end - start : end - start + entries.count
    }
}
