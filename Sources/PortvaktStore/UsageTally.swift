import PortvaktReport

/// Requests counted in memory per hour × supplier × product × decision, until the writer adds them to the
/// `usage` table: one upsert per key and flush instead of one write per request.
struct UsageTally: Sendable {
    struct Key: Hashable, Sendable {
        /// The hour's start, Unix nanoseconds.
        var hour: Int64
        var supplier: String
        var product: String
        var decision: String
    }

    private(set) var counts: [Key: Int] = [:]

    /// The decisions counted, each a column of the `usage` table.
    static let decisions: Set<String> = ["allowed", "shadow", "throttled", "blocked", "maintenance"]

    /// Counts one request; a decision other than `decisions` is not counted.
    mutating func count(at time: Int64, supplier: String, product: String, decision: String) {
        guard Self.decisions.contains(decision) else { return }
        let hour = ThrottleReport.UsageHour.start(of: time)
        counts[Key(hour: hour, supplier: supplier, product: product, decision: decision), default: 0] += 1
    }

    /// Hands over what is counted and starts again from nothing.
    mutating func take() -> [Key: Int] {
        defer { counts = [:] }
        return counts
    }
}
