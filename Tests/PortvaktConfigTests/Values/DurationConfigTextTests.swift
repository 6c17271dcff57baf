import Testing

@testable import PortvaktConfig

@Suite struct DurationConfigTextTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("10m", .seconds(600)),
        ("24h", .seconds(86_400)), ("7d", .seconds(604_800)), ("0s", .zero),
    ])
    func readsEveryUnit(text: String, expected: Duration) {
        #expect(Duration(configText: text) == expected)
    }

    @Test(arguments: ["", "30", "s", "1.5s", "-1s", "30 s", "30sec", "10M", "1w", "٣s", "9999999999999999d"])
    func refusesAnythingElse(text: String) {
        #expect(Duration(configText: text) == nil)
    }

    @Test func givesWholeNanoseconds() {
        #expect(Duration.milliseconds(500).nanoseconds == 500_000_000)
        #expect(Duration(configText: "7d")?.nanoseconds == 604_800_000_000_000)
        #expect(Duration.nanoseconds(1).nanoseconds == 1)
    }
}
