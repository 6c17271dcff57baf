/// The steps of the sanction ladder (CONTRACT.md §2 `sanctions.ladder`), mildest first.
public enum SanctionLevel: String, Sendable, CaseIterable, Comparable, Codable {
    /// Answers unchanged, plus a `Portvakt-Notice` saying what was seen and what to do instead.
    case notice
    /// The supplier's limits shrink to a factor of their rate and burst.
    case throttle
    /// Every request refused with 403 until the cut-off ends.
    case cutoff

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
