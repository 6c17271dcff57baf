import Testing

@testable import PortvaktConfig

@Suite struct RFC3339TimestampTests {
    private func read(_ text: String) -> Int64? { RFC3339Timestamp.epochNanoseconds(configText: text) }
    private let second: Int64 = 1_000_000_000

    @Test func readsUTC() {
        #expect(read("1970-01-01T00:00:00Z") == 0)
        #expect(read("2026-12-01T22:00:00Z") == 1_796_162_400 * second)
        #expect(read("2000-02-29T12:00:00Z") == 951_825_600 * second)
        #expect(read("1969-12-31T23:59:59Z") == -1_000_000_000)
    }

    /// The months after February count the leap day in a leap year only.
    @Test func countsTheLeapDayAfterFebruary() {
        #expect(read("2024-03-01T00:00:00Z") == 1_709_251_200 * second)
        #expect(read("2024-12-31T00:00:00Z") == 1_735_603_200 * second)
        #expect(read("2023-03-01T00:00:00Z") == 1_677_628_800 * second)
        #expect(read("2000-03-01T00:00:00Z") == 951_868_800 * second)
    }

    @Test func readsFractionalSeconds() {
        #expect(read("1970-01-01T00:00:00.5Z") == 500_000_000)
        #expect(read("1970-01-01T00:00:01.123456789Z") == 1_123_456_789)
        #expect(read("1970-01-01T00:00:00.1234567891Z") == 123_456_789)
    }

    @Test func appliesOffsets() {
        #expect(read("2026-12-01T23:00:00+01:00") == read("2026-12-01T22:00:00Z"))
        #expect(read("2026-12-01T16:30:00-05:30") == read("2026-12-01T22:00:00Z"))
        #expect(read("2026-12-02T00:00:00.250+02:00") == read("2026-12-01T22:00:00.25Z"))
        #expect(read("2026-12-01T22:00:00-00:00") == read("2026-12-01T22:00:00Z"))
    }

    @Test func acceptsLowerCaseAndSpaceSeparators() {
        #expect(read("2026-12-01t22:00:00z") == read("2026-12-01T22:00:00Z"))
        #expect(read("2026-12-01 22:00:00Z") == read("2026-12-01T22:00:00Z"))
    }

    @Test func coversWhatInt64NanosecondsHold() {
        #expect(read("2262-04-11T23:47:16.854775807Z") == Int64.max)
        #expect(read("2262-04-11T23:47:16.854775808Z") == nil)
        #expect(read("9999-12-31T23:59:59Z") == nil)
        #expect(read("1677-09-20T00:00:00Z") == nil)
        #expect(read("0001-01-01T00:00:00Z") == nil)
    }

    @Test(arguments: [
        "", "2026-12-01", "2026-12-01T22:00Z", "2026-12-01T22:00:00", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-01T24:00:00Z",
        "2026-12-01T23:60:00Z", "2026-12-31T23:59:60Z", "2026-12-01T22:00:00.Z", "2026-12-01T22:00:00+0100",
        "2026-12-01T22:00:00+24:00", "2026-12-01T22:00:00Zjunk", "26-12-01T22:00:00Z", "0000-01-01T00:00:00Z",
    ])
    func refusesAnythingElse(text: String) {
        #expect(read(text) == nil)
    }
}
