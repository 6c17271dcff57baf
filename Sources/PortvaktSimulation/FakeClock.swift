/// Timestamps for the stand-in's records: a fixed day, counted in seconds, so answers are byte-for-byte
/// reproducible (a real clock would change digests and ETags between runs).
enum FakeClock {
    /// `2026-11-24T06:00:00Z` plus `seconds`, as RFC 3339; stays on that day (clamped at 23:59:59).
    static func timestamp(secondsAfterStart seconds: Int) -> String {
        let clamped = min(max(seconds, 0), 18 * 3600 - 1)
        let hour = 6 + clamped / 3600
        let minute = clamped / 60 % 60
        let second = clamped % 60
        return "2026-11-24T\(twoDigits(hour)):\(twoDigits(minute)):\(twoDigits(second))Z"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
