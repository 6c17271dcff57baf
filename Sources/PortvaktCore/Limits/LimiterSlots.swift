#if canImport(Glibc)
    import Glibc
#endif

/// The slot array of a `LimiterTable`, laid out for cache and TLB: 32-byte entries on a 64-byte-aligned base
/// (one cache line per probe), and a table of 2 MiB or more on 2 MiB boundaries with the kernel asked for
/// huge pages before the first touch, so that a million random keys do not each cost a page-table walk.
/// `madvise` is only advice about memory, not I/O: a kernel that ignores it changes nothing but speed.
///
/// A class so that the slots live in memory of that alignment; `LimiterTable` copies it before writing when
/// it is shared (copy on write), so tables keep value semantics.
final class LimiterSlots: @unchecked Sendable {
    // @unchecked: the storage is only written through a table that holds the one reference (copy on write).

    let count: Int
    private let base: UnsafeMutablePointer<LimiterEntry>
    /// What was allocated: `count` entries, a whole number of alignment units.
    let byteCount: Int

    private static let hugePage = 2 << 20

    /// At least `minimumCount` vacant slots: as many as fill the allocation once it is rounded up to its
    /// alignment (the rounding's room lowers the load, and so the probe lengths, instead of lying idle).
    init(minimumCount: Int) {
        let bytes = minimumCount * MemoryLayout<LimiterEntry>.stride
        let alignment = bytes >= Self.hugePage ? Self.hugePage : 64
        byteCount = (bytes + alignment - 1) / alignment * alignment
        count = byteCount / MemoryLayout<LimiterEntry>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: alignment)
        #if canImport(Glibc)
            if alignment == Self.hugePage { _ = madvise(raw, byteCount, MADV_HUGEPAGE) }
        #endif
        base = raw.bindMemory(to: LimiterEntry.self, capacity: count)
        base.initialize(repeating: .vacant, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(slot: Int) -> LimiterEntry {
        get { base[slot] }
        set { base[slot] = newValue }
    }

    /// A slot's entry for in-place changes to its bucket.
    func pointer(to slot: Int) -> UnsafeMutablePointer<LimiterEntry> { base + slot }

    /// An independent copy, for a table about to write to slots it shares.
    func copy() -> LimiterSlots {
        let copy = LimiterSlots(minimumCount: count)
        copy.base.update(from: base, count: count)
        return copy
    }
}
