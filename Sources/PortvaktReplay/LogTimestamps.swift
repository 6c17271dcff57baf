import PortvaktConfig

/// Reads a log's timestamps, reusing the date-and-hour arithmetic while lines share their hour: a log is in
/// time order, so thousands of lines in a row differ only in minutes, seconds and milliseconds.
///
/// Only timestamps in the form the proxy writes (`2026-11-24T06:00:00.810Z`: milliseconds, `Z`) take the
/// short way; any other RFC 3339 form is read whole every time, as `RFC3339Timestamp` reads it, and so is the
/// first of each hour, whose reading then gives the hour's start.
struct LogTimestamps {
    /// The first thirteen bytes (`2026-11-24T06`) of the last timestamp read whole in the proxy's form, as two
    /// words (the second holding five bytes), and the nanoseconds at which that hour began.
    private var hour: (prefix: (UInt64, UInt64), start: Int64)?

    /// Nanoseconds since the Unix epoch, or nil when `bytes` are not an RFC 3339 date-time.
    mutating func epochNanoseconds(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let withinHour = Self.withinHour(bytes) else { return RFC3339Timestamp.epochNanoseconds(utf8: bytes) }
        let prefix = Self.prefix(bytes)
        if let hour, hour.prefix == prefix { return hour.start + withinHour }
        guard let time = RFC3339Timestamp.epochNanoseconds(utf8: bytes) else { return nil }
        hour = (prefix, time - withinHour)
        return time
    }

    /// For a timestamp of the proxy's form, the nanoseconds since the start of its hour: `:MM:SS.mmmZ` read
    /// from its last eleven bytes. Nil for any other form (or a second of 60, which only a whole reading may
    /// refuse).
    @inline(__always)
    private static func withinHour(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 24, bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        @inline(__always) func digit(_ offset: Int) -> Int64 { Int64(bytes[offset] &- UInt8(ascii: "0")) }
        let (minute, second) = (digit(14), digit(17))
        let rest = (digit(15), digit(18), digit(20), digit(21), digit(22))
        // A tens digit of minutes or seconds above 5 (a leap second too) is left to the whole reading.
        guard minute < 6, second < 6, rest.0 < 10, rest.1 < 10, rest.2 < 10, rest.3 < 10, rest.4 < 10 else {
            return nil
        }
        let (minutes, seconds) = (minute * 10 + rest.0, second * 10 + rest.1)
        let millisecond = rest.2 * 100 + rest.3 * 10 + rest.4
        return ((minutes * 60 + seconds) * 1_000 + millisecond) * 1_000_000
    }

    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let raw = UnsafeRawBufferPointer(bytes)
        return (
            raw.loadUnaligned(as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & 0xFF_FFFF_FFFF
        )
    }
}
