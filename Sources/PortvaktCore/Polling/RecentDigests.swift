/// The last `capacity` distinct answers of a series, as 64-bit hashes of their digests (ETag or body hash),
/// in a ring: an answer is unchanged when it is among them (CONTRACT.md §5), so a list that flips between a
/// few states reads as unchanged too.
struct RecentDigests: Sendable {
    static let capacity = 8

    private var hashes = InlineArray<8, UInt64>(repeating: 0)
    private var count: UInt8 = 0
    private var next: UInt8 = 0

    /// Whether `hash` is among the recent answers; if not, it becomes one, replacing the oldest.
    mutating func recordIsUnchanged(_ hash: UInt64) -> Bool {
        for index in 0..<Int(count) where hashes[index] == hash { return true }
        hashes[Int(next)] = hash
        next = (next + 1) % UInt8(Self.capacity)
        count = min(count + 1, UInt8(Self.capacity))
        return false
    }
}
