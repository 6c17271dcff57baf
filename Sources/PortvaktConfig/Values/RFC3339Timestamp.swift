/// RFC 3339 timestamps (`2026-12-01T22:00:00Z`, `2026-12-01T23:00:00.250+01:00`) read by hand into nanoseconds
/// since 1970-01-01T00:00:00Z, the time unit of PortvaktCore, without Foundation's date formatters.
public enum RFC3339Timestamp {
    /// Nanoseconds since the Unix epoch, or nil when `text` is not an RFC 3339 date-time.
    /// Accepts `T`/`t`/space between date and time, any number of fraction digits (beyond nine are cut off),
    /// `Z`/`z` or a `±HH:MM` offset. A leap second (`:60`) is refused, and so is any time `Int64` nanoseconds
    /// cannot hold (before 1677-09-22, after 2262-04-11).
    public static func epochNanoseconds(configText text: String) -> Int64? {
        var text = text
        return text.withUTF8 { epochNanoseconds(utf8: $0) }
    }

    /// The same from the UTF-8 bytes of the text, for readers that scan bytes (the access log in `replay`).
    public static func epochNanoseconds(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        func number(at offset: Int, digits: Int) -> Int? {
            guard offset + digits <= bytes.count else { return nil }
            return asciiDigits(bytes[offset..<offset + digits]).map(Int.init)
        }
        func byte(at offset: Int, in allowed: StaticString) -> Bool {
            guard offset < bytes.count else { return false }
            let byte = bytes[offset]
            return UnsafeBufferPointer(start: allowed.utf8Start, count: allowed.utf8CodeUnitCount).contains(byte)
        }
        guard let year = number(at: 0, digits: 4), byte(at: 4, in: "-"), let month = number(at: 5, digits: 2),
            byte(at: 7, in: "-"), let day = number(at: 8, digits: 2), byte(at: 10, in: "Tt "),
            let hour = number(at: 11, digits: 2), byte(at: 13, in: ":"), let minute = number(at: 14, digits: 2),
            byte(at: 16, in: ":"), let second = number(at: 17, digits: 2),
            year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var position = 19
        var fraction: Int64 = 0
        if byte(at: position, in: ".") {
            position += 1
            let start = position
            while byte(at: position, in: "0123456789") {
                if position - start < 9 { fraction = fraction * 10 + Int64(bytes[position] - UInt8(ascii: "0")) }
                position += 1
            }
            guard position > start else { return nil }
            for _ in min(position - start, 9)..<9 { fraction *= 10 }
        }

        var offsetSeconds = 0
        if byte(at: position, in: "Zz") {
            position += 1
        } else if byte(at: position, in: "+-"), let offsetHours = number(at: position + 1, digits: 2),
            byte(at: position + 3, in: ":"), let offsetMinutes = number(at: position + 4, digits: 2),
            offsetHours < 24, offsetMinutes < 60
        {
            offsetSeconds = (offsetHours * 3_600 + offsetMinutes * 60) * (bytes[position] == UInt8(ascii: "-") ? -1 : 1)
            position += 6
        } else {
            return nil
        }
        guard position == bytes.count else { return nil }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        guard let wholeSeconds = multiplied(Int64(seconds), by: 1_000_000_000) else { return nil }
        let (nanoseconds, overflow) = wholeSeconds.addingReportingOverflow(fraction)
        return overflow ? nil : nanoseconds
    }

    /// Days in a common year before each month, January first (1970 is a common year).
    private static let cumulativeDaysBeforeMonth = (1..<12).reduce(into: [0]) { days, month in
        days.append(days.last! + daysIn(month: month, year: 1970))
    }

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (negative before 1970).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        /// Leap days in the years 1 through `year`.
        func leapDays(through year: Int) -> Int { year / 4 - year / 100 + year / 400 }
        let daysBeforeYear = (year - 1970) * 365 + leapDays(through: year - 1) - leapDays(through: 1969)
        let daysBeforeMonth = cumulativeDaysBeforeMonth[month - 1] + (month > 2 && isLeapYear(year) ? 1 : 0)
        return daysBeforeYear + daysBeforeMonth + day - 1
    }
}
