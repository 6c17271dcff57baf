import PortvaktConfig
import Testing

@testable import PortvaktReplay

/// The short way through a log's timestamps must read exactly what `RFC3339Timestamp` reads, line after line.
@Suite struct LogTimestampsTests {
    private func read(_ texts: [String]) -> [Int64?] {
        var timestamps = LogTimestamps()
        return texts.map { text in
            var text = text
            return text.withUTF8 { timestamps.epochNanoseconds(utf8: $0) }
        }
    }

    private func wholeReadings(_ texts: [String]) -> [Int64?] {
        texts.map { RFC3339Timestamp.epochNanoseconds(configText: $0) }
    }

    /// A day's worth of the proxy's timestamps, 97 seconds and a few milliseconds apart, across hours, a leap
    /// day and a year's end.
    @Test func theProxysTimestampsReadAsWhole() throws {
        var texts: [String] = []
        for start in ["2028-02-28T22:", "2026-12-31T23:"] {
            for step in 0..<120 {
                let seconds = step * 97
                let hour = Int(start.dropFirst(11).prefix(2))! + seconds / 3_600
                let (minute, second, millisecond) = (seconds / 60 % 60, seconds % 60, step * 7 % 1_000)
                let day = Int(start.dropFirst(8).prefix(2))! + hour / 24
                let date =
                    start.hasPrefix("2028")
                    ? "2028-02-\(day)" : day == 31 ? "2026-12-31" : "2027-01-0\(day - 31)"
                texts.append(
                    "\(date)T"
                        + [hour % 24, minute, second].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
                        + "." + String(String(millisecond + 1000).dropFirst()) + "Z")
            }
        }
        let expected = wholeReadings(texts)
        #expect(!expected.contains(nil))
        #expect(read(texts) == expected)
        #expect(Set(texts.map { $0.prefix(13) }).count > 4, "the hours change")
    }

    /// Other forms, bad ones among them, between timestamps of the same hour: each as the whole reading has it,
    /// and none disturbs the hour remembered.
    @Test func otherFormsAndBadOnesReadAsWhole() {
        let texts = [
            "2026-11-24T06:00:00.810Z", "2026-11-24T06:01:00Z", "2026-11-24T06:02:00.810+01:00",
            "2026-11-24T06:03:00.123456789Z", "2026-11-24t06:04:00.810z", "2026-11-24T06:05:00.810Z",
            "2026-11-24T06:60:00.000Z", "2026-11-24T06:59:60.000Z", "2026-11-24T06:0a:00.000Z",
            "2026-11-24T06:06:00.8a0Z", "2026-02-30T06:00:00.000Z", "2026-11-24T06:59:59.999Z",
            "2026-11-24T07:00:00.000Z", "2026-11-24T06:30:00.000Z",
        ]
        let expected = wholeReadings(texts)
        #expect(expected.filter { $0 == nil }.count == 5)
        #expect(read(texts) == expected)
    }
}
