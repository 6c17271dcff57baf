/// A column of the CSV rendering, in the order of its header row; the raw value is the column's name.
enum CSVColumn: String, CaseIterable {
    case record, supplier, requests, allowed, throttled, blocked
    case wouldThrottle = "would_throttle"
    case level, rule, product, route, customers
    case medianIntervalSeconds = "median_interval_s"
    case unchangedRatio = "unchanged_ratio"
    case firstSeen = "first_seen"
    case lastSeen = "last_seen"
    case advice, periodicity, advisory, hour, since, until, manual, reason, sections, shadow, refusals, text

    /// `allCases` stored once: the synthesized property may build a new array at every use, and the writer
    /// walks it for every field.
    static let ordered = allCases
}
