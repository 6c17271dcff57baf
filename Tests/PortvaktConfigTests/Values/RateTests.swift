import Testing

@testable import PortvaktConfig

@Suite struct RateTests {
    @Test(arguments: [
        ("120/60s", 120, Duration.seconds(60)), ("2/s", 2, .seconds(1)), ("10/m", 10, .seconds(60)),
        ("1000/h", 1000, .seconds(3_600)), ("5/500ms", 5, .milliseconds(500)), ("1/7d", 1, .seconds(604_800)),
    ])
    func readsCountAndPeriod(text: String, count: Int, period: Duration) {
        #expect(Rate(configText: text) == Rate(count: count, period: period))
    }

    @Test(arguments: ["fast", "120", "120/", "/60s", "0/s", "120/0s", "-1/s", "1.5/s", "120/60", "2/sec", "1/s/s"])
    func refusesMalformedOrEmptyRates(text: String) {
        #expect(Rate(configText: text) == nil)
    }

    @Test func describesItselfInTheLargestWholeUnit() {
        #expect(Rate(count: 120, period: .seconds(60)).description == "120/1m")
        #expect(Rate(count: 5, period: .milliseconds(1500)).description == "5/1500ms")
    }
}
