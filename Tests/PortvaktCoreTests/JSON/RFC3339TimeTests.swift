import Foundation
import Testing

@testable import PortvaktCore

@Suite struct RFC3339TimeTests {
    private func formatted(_ nanoseconds: Int64) -> String {
        var buffer: [UInt8] = []
        buffer.appendRFC3339(nanosecondsSinceEpoch: nanoseconds)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_795_500_000_810_000_000, "2026-11-24T06:00:00.810Z"),
        (1_709_210_096_789_000_000, "2024-02-29T12:34:56.789Z"),
        (951_868_799_000_000_000, "2000-02-29T23:59:59.000Z"),
        (4_107_542_400_000_000_000, "2100-03-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (.max, "2262-04-11T23:47:16.854Z"),
        (.min, "1677-09-21T00:12:43.145Z"),
    ])
    func knownInstants(nanoseconds: Int64, expected: String) {
        #expect(formatted(nanoseconds) == expected)
    }

    @Test func subMillisecondsAreCutNeverRoundedUp() {
        #expect(formatted(1_795_564_799_999_999_999) == "2026-11-24T23:59:59.999Z")
        #expect(formatted(1_795_500_000_000_999_999) == "2026-11-24T06:00:00.000Z")
        #expect(formatted(1_795_500_000_001_000_000) == "2026-11-24T06:00:00.001Z")
    }

    @Test func agreesWithFoundationAcrossFourCenturies() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var mismatches: [String] = []
        // Every 997th day plus a varying time of day, from 1800 to 2200.
        for day in stride(from: Int64(-62_000), through: 84_000, by: 997) {
            let seconds = day * 86_400 + (day * 7_919) % 86_400
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let actual = formatted(seconds * 1_000_000_000)
            if actual != expected.dropLast() + ".000Z" { mismatches.append("\(actual) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty)
    }
}
