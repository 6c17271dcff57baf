extension Array where Element == UInt8 {
    /// An instant as a JSON string in RFC 3339 (see `appendRFC3339`), or `null`.
    public mutating func appendRFC3339String(orNull time: Int64?) {
        guard let time else { return appendASCII("null") }
        append(UInt8(ascii: "\""))
        appendRFC3339(nanosecondsSinceEpoch: time)
        append(UInt8(ascii: "\""))
    }

    /// Appends an instant as RFC 3339 UTC with milliseconds, `2026-11-24T06:00:00.810Z`.
    ///
    /// The calendar date is computed from the day count (proleptic Gregorian, 400-year eras), not looked up
    /// through a formatter. Sub-millisecond digits are cut, never rounded up, so a line never claims a later
    /// millisecond than the one it happened in, and lines written in order stay in order.
    public mutating func appendRFC3339(nanosecondsSinceEpoch time: Int64) {
        let (seconds, nanoseconds) = time.flooredDivision(by: 1_000_000_000)
        let (days, secondOfDay) = seconds.flooredDivision(by: 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        appendDigits(Int(date.year), count: 4)
        append(UInt8(ascii: "-"))
        appendDigits(Int(date.month), count: 2)
        append(UInt8(ascii: "-"))
        appendDigits(Int(date.day), count: 2)
        append(UInt8(ascii: "T"))
        appendDigits(Int(secondOfDay / 3600), count: 2)
        append(UInt8(ascii: ":"))
        appendDigits(Int(secondOfDay / 60 % 60), count: 2)
        append(UInt8(ascii: ":"))
        appendDigits(Int(secondOfDay % 60), count: 2)
        append(UInt8(ascii: "."))
        appendDigits(Int(nanoseconds / 1_000_000), count: 3)
        append(UInt8(ascii: "Z"))
    }
}

/// A day of the proleptic Gregorian calendar.
struct CivilDate: Equatable {
    var year: Int64
    var month: Int64
    var day: Int64

    /// Counts in 400-year eras of 146 097 days, each starting on 1 March so that the leap day falls at the
    /// end of a year; months from March are 153 days per 5 months.
    init(daysSinceEpoch days: Int64) {
        let daysSinceMarch0000 = days + 719_468  // 1970-01-01 is day 719 468 after 0000-03-01
        let (era, dayOfEra) = daysSinceMarch0000.flooredDivision(by: 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0)
    }
}

extension Int64 {
    /// Quotient and remainder rounded toward negative infinity, so the remainder is never negative (a time
    /// before 1970 lands in the right day and hour).
    public func flooredDivision(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
