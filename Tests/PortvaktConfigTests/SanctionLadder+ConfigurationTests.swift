import PortvaktCore
import Testing

@testable import PortvaktConfig

@Suite struct SanctionLadderConfigurationTests {
    @Test func theDefaultSectionBecomesTheDefaultLadder() {
        let ladder = SanctionLadder(configuration: .default)
        let hour: Int64 = 3_600_000_000_000
        #expect(
            ladder.steps == [
                .init(level: .notice, after: 1), .init(level: .throttle, after: 3, factor: 0.25),
                .init(level: .cutoff, after: 6, durationNanoseconds: 24 * hour),
            ])
        #expect(ladder.windowNanoseconds == 24 * hour)
        #expect(ladder.recountNanoseconds == hour)
        #expect(ladder.forgiveAfterNanoseconds == 7 * 24 * hour)
    }
}
