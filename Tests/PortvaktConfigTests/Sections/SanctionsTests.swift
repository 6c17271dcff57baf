import Testing

@testable import PortvaktConfig

@Suite struct SanctionsTests {
    typealias Sanctions = PortvaktConfiguration.Sanctions

    @Test func defaultsToTheContractsLadder() {
        #expect(
            Sanctions.default
                == .init(
                    enabled: true,
                    ladder: [
                        .init(level: .notice, after: 1), .init(level: .throttle, after: 3, factor: 0.25),
                        .init(level: .cutoff, after: 6, duration: .seconds(86_400)),
                    ],
                    window: .seconds(86_400), recount: .seconds(3_600), forgiveAfter: .seconds(604_800)))
    }

    @Test func ordersLevels() {
        #expect(Sanctions.Level.notice < .throttle)
        #expect(Sanctions.Level.throttle < .cutoff)
        #expect(!(Sanctions.Level.cutoff < .notice))
    }

    @Test func readsALadderFillingInFactorAndDuration() throws {
        let sanctions = try parsed(
            """
            sanctions:
              enabled: false
              ladder:
                - { level: throttle, after: 2 }
                - { level: cutoff, after: 4, for: 2h }
              window: 12h
              recount: 30m
              forgive_after: 3d
            """
        ).sanctions
        #expect(
            sanctions
                == .init(
                    enabled: false,
                    ladder: [
                        .init(level: .throttle, after: 2, factor: 0.25),
                        .init(level: .cutoff, after: 4, duration: .seconds(7_200)),
                    ],
                    window: .seconds(43_200), recount: .seconds(1_800), forgiveAfter: .seconds(259_200)))
    }

    @Test func reportsLevelsOutOfOrder() {
        let yaml = """
            sanctions:
              ladder:
                - { level: throttle, after: 3 }
                - { level: notice, after: 1 }
                - { level: cutoff, after: 6 }
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:4:16: ladder level 'notice' after 'throttle': levels go notice, throttle, cutoff, "
                    + "each at most once"
            ])
    }

    @Test func reportsARepeatedLevelAndCountsThatDoNotGrow() {
        let yaml = """
            sanctions:
              ladder:
                - { level: notice, after: 2 }
                - { level: notice, after: 3 }
            """
        #expect(problems(yaml).count == 1)
        let counts = """
            sanctions:
              ladder:
                - { level: notice, after: 3 }
                - { level: throttle, after: 3 }
            """
        #expect(
            problems(counts) == [
                "portvakt.yaml:4:33: 'after' must grow along the ladder: throttle at 3 does not come after notice at 3"
            ])
    }

    @Test func reportsFactorAndForOnTheWrongLevel() {
        let yaml = """
            sanctions:
              ladder:
                - { level: notice, after: 1, factor: 0.5 }
                - { level: throttle, after: 2, factor: 0, for: 1h }
                - { level: cutoff, after: 3, for: 0s }
                - { level: banned, after: 4 }
                - { after: 5 }
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:3:42: 'factor' applies only to the throttle level",
                "portvakt.yaml:4:44: invalid number '0': must be above 0 and at most 1",
                "portvakt.yaml:4:52: 'for' applies only to the cutoff level",
                "portvakt.yaml:5:39: invalid duration '0s': must be above zero",
                "portvakt.yaml:6:16: invalid level 'banned': expected one of notice, throttle, cutoff",
                "portvakt.yaml:7:7: missing 'level' in sanctions.ladder[4]",
            ])
    }
}
