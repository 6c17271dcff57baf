/// The steps of the sanction ladder (CONTRACT.md §2 `sanctions.ladder`), mildest first.
public enum SanctionLevel: String, Sendable, CaseIterable {
    case notice, throttle, cutoff
}
