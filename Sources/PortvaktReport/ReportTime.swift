import PortvaktCore

/// How the renderings write instants (nanoseconds since the Unix epoch), always in UTC.
enum ReportTime {
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// RFC 3339 with milliseconds, as JSON and CSV carry it: `2026-11-24T06:00:00.810Z`.
    static func rfc3339(_ time: Int64) -> String {
        var buffer: [UInt8] = []
        buffer.appendRFC3339(nanosecondsSinceEpoch: time)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// For people, to the second: `2026-11-24 06:00:00 UTC`.
    static func readable(_ time: Int64) -> String {
        var buffer: [UInt8] = []
        buffer.appendReadableTime(time)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// For a table, to the minute, the column saying UTC: `2026-11-24 06:00`.
    static func minutes(_ time: Int64) -> String {
        var buffer: [UInt8] = []
        buffer.appendMinutes(time)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// For a chart's axis: `Tue 24 Nov` at midnight, `06:00` at any other hour.
    static func axisLabel(_ time: Int64) -> String {
        let stamp = rfc3339(time)
        let (days, timeOfDay) = time.flooredDivision(by: nanosecondsPerDay)
        guard timeOfDay == 0 else { return String(stamp.dropFirst(11).prefix(5)) }
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(days.flooredDivision(by: 7).remainder)]
        let month = Int(stamp.dropFirst(5).prefix(2)) ?? 1
        let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
        let day = Int(stamp.dropFirst(8).prefix(2)) ?? 1
        return "\(weekday) \(day) \(monthName)"
    }
}

extension Array where Element == UInt8 {
    /// `2026-11-24 06:00:00 UTC`, as `ReportTime.readable` writes it.
    mutating func appendReadableTime(_ time: Int64) {
        appendRFC3339(upTo: 19, time)
        appendASCII(" UTC")
    }

    /// `2026-11-24 06:00`, as `ReportTime.minutes` writes it.
    mutating func appendMinutes(_ time: Int64) {
        appendRFC3339(upTo: 16, time)
    }

    /// The first `length` bytes of the RFC 3339 stamp, a space in place of its `T`: written whole, then cut.
    private mutating func appendRFC3339(upTo length: Int, _ time: Int64) {
        let start = endIndex
        appendRFC3339(nanosecondsSinceEpoch: time)
        self[start + 10] = UInt8(ascii: " ")
        removeLast(endIndex - start - length)
    }
}
