/// A point in time as `report` and `/admin/report` take it: RFC 3339 (`2026-11-24T06:00:00Z`), or a duration
/// back from now (`24h`, `7d`).
public enum PointInTime {
    /// Unix nanoseconds for `text` at `now`; nil when it is neither form.
    public static func nanoseconds(_ text: String, now: Int64) -> Int64? {
        if let duration = Duration(configText: text), duration >= .zero { return now - duration.nanoseconds }
        return RFC3339Timestamp.epochNanoseconds(configText: text)
    }
}
