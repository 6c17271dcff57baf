import PortvaktCore
import Testing

/// The ladder's transitions on an injected clock (CONTRACT.md §2 `sanctions`, with the default ladder).
@Suite struct SupplierSanctionTests {
    private static let minute: Int64 = 60_000_000_000
    private static let hour = 60 * minute
    private static let day = 24 * hour
    private static let start: Int64 = 1_764_000_000_000_000_000
    private static let ladder = SanctionLadder(
        steps: [
            .init(level: .notice, after: 1), .init(level: .throttle, after: 3, factor: 0.25),
            .init(level: .cutoff, after: 6, durationNanoseconds: day),
        ],
        windowNanoseconds: day, recountNanoseconds: hour, forgiveAfterNanoseconds: 7 * day)

    private func record(_ sanction: inout SupplierSanction, _ key: String, at time: Int64) -> Bool {
        sanction.record(violation: key, at: time, ladder: Self.ladder)
    }

    private func level(_ sanction: inout SupplierSanction, at time: Int64) -> SanctionLevel? {
        sanction.standing(at: time, ladder: Self.ladder)?.level
    }

    @Test func violationsWithinTheWindowClimbTheLadder() {
        var sanction = SupplierSanction()
        #expect(level(&sanction, at: Self.start) == nil)
        let expected: [SanctionLevel] = [.notice, .notice, .throttle, .throttle, .throttle, .cutoff]
        for (index, wanted) in expected.enumerated() {
            let time = Self.start + Int64(index) * Self.hour
            #expect(record(&sanction, "polling:\(index)", at: time))
            #expect(level(&sanction, at: time) == wanted)
        }
        let cutoff = sanction.standing(at: Self.start + 5 * Self.hour, ladder: Self.ladder)
        #expect(cutoff?.since == Self.start + 5 * Self.hour)
        #expect(cutoff?.until == Self.start + 5 * Self.hour + Self.day)
    }

    @Test func anOngoingViolationIsRecordedAgainOnlyAfterRecount() {
        var sanction = SupplierSanction()
        #expect(record(&sanction, "polling", at: Self.start))
        #expect(!record(&sanction, "polling", at: Self.start + Self.hour - 1))
        #expect(record(&sanction, "other", at: Self.start + Self.hour - 1))
        #expect(record(&sanction, "polling", at: Self.start + Self.hour))
        #expect(sanction.violations.count == 3)
        #expect(level(&sanction, at: Self.start + Self.hour) == .throttle)
    }

    @Test func violationsOutsideTheWindowDoNotCount() {
        var sanction = SupplierSanction()
        for index in 0..<2 {
            sanction.record(violation: "v\(index)", at: Self.start + Int64(index) * Self.hour, ladder: Self.ladder)
        }
        // The third comes a day after the first: only two count, so no throttle.
        sanction.record(violation: "v2", at: Self.start + Self.day, ladder: Self.ladder)
        #expect(sanction.violations.count == 2)
        #expect(level(&sanction, at: Self.start + Self.day) == .notice)
    }

    @Test func aCutoffEndsAfterItsDurationOneStepDownThenGoodBehaviourStepsDownFurther() {
        var sanction = SupplierSanction()
        for index in 0..<6 {
            sanction.record(violation: "v\(index)", at: Self.start + Int64(index) * Self.minute, ladder: Self.ladder)
        }
        let cutAt = Self.start + 5 * Self.minute
        #expect(level(&sanction, at: cutAt + Self.day - 1) == .cutoff)
        #expect(level(&sanction, at: cutAt + Self.day) == .throttle)
        #expect(sanction.standing(at: cutAt + Self.day, ladder: Self.ladder)?.since == cutAt + Self.day)
        // Seven clean days after the cut-off ended: notice; seven more: off the ladder.
        #expect(level(&sanction, at: cutAt + Self.day + 7 * Self.day - 1) == .throttle)
        #expect(level(&sanction, at: cutAt + Self.day + 7 * Self.day) == .notice)
        #expect(level(&sanction, at: cutAt + Self.day + 14 * Self.day) == nil)
        #expect(sanction.violations.isEmpty)
    }

    /// A clock that jumps far ahead works out every step at once, each at the time it happened.
    @Test func aLongSilenceSettlesEveryStepAtOnce() {
        var sanction = SupplierSanction()
        for index in 0..<3 {
            sanction.record(violation: "v\(index)", at: Self.start + Int64(index) * Self.minute, ladder: Self.ladder)
        }
        #expect(level(&sanction, at: Self.start + 30 * Self.day) == nil)
    }

    @Test func aNewViolationRestartsTheWaitForForgiveness() {
        var sanction = SupplierSanction()
        sanction.record(violation: "v0", at: Self.start, ladder: Self.ladder)
        sanction.record(violation: "v1", at: Self.start + 6 * Self.day, ladder: Self.ladder)
        #expect(level(&sanction, at: Self.start + 7 * Self.day) == .notice)
        #expect(level(&sanction, at: Self.start + 13 * Self.day) == nil)
    }

    @Test func aManualSanctionOverridesUntilItEndsOrIsLifted() {
        var sanction = SupplierSanction()
        sanction.record(violation: "v0", at: Self.start, ladder: Self.ladder)
        sanction.manual = .init(level: .cutoff, since: Self.start, until: Self.start + Self.hour, reason: "incident")
        let manual = sanction.standing(at: Self.start + 1, ladder: Self.ladder)
        #expect(manual?.level == .cutoff)
        #expect(manual?.isManual == true)
        #expect(manual?.until == Self.start + Self.hour)
        #expect(level(&sanction, at: Self.start + Self.hour) == .notice)
        #expect(sanction.manual == nil)

        sanction.manual = .init(level: .throttle, since: Self.start + Self.hour, until: nil, reason: "by hand")
        #expect(level(&sanction, at: Self.start + 100 * Self.day) == .throttle)
        sanction.manual = nil
        #expect(level(&sanction, at: Self.start + 100 * Self.day) == nil)
    }

    @Test func aLadderWithoutNoticeStartsAtItsFirstStep() {
        let ladder = SanctionLadder(
            steps: [.init(level: .throttle, after: 2, factor: 0.5)], windowNanoseconds: Self.day,
            recountNanoseconds: Self.hour, forgiveAfterNanoseconds: Self.day)
        var sanction = SupplierSanction()
        sanction.record(violation: "a", at: Self.start, ladder: ladder)
        #expect(sanction.standing(at: Self.start, ladder: ladder) == nil)
        sanction.record(violation: "b", at: Self.start + 1, ladder: ladder)
        #expect(sanction.standing(at: Self.start + 1, ladder: ladder)?.level == .throttle)
        #expect(sanction.standing(at: Self.start + 1 + Self.day, ladder: ladder) == nil)
    }

    /// The proxy and replay both throttle by the ladder's own factor, and by the same default without one.
    @Test func theThrottleFactorIsTheThrottleStepsOrTheDefault() {
        func ladder(_ steps: [SanctionLadder.Step]) -> SanctionLadder {
            SanctionLadder(
                steps: steps, windowNanoseconds: Self.day, recountNanoseconds: Self.hour,
                forgiveAfterNanoseconds: Self.day)
        }
        #expect(
            ladder([.init(level: .notice, after: 1), .init(level: .throttle, after: 2, factor: 0.5)]).throttleFactor
                == 0.5)
        #expect(ladder([.init(level: .throttle, after: 2)]).throttleFactor == SanctionLadder.defaultThrottleFactor)
        #expect(ladder([.init(level: .cutoff, after: 1)]).throttleFactor == 0.25)
    }

    /// A cut-off longer than `forgive_after` is not shortened by good behaviour while it lasts.
    @Test func aLongCutoffRunsItsCourse() {
        let ladder = SanctionLadder(
            steps: [.init(level: .cutoff, after: 1, durationNanoseconds: 30 * Self.day)], windowNanoseconds: Self.day,
            recountNanoseconds: Self.hour, forgiveAfterNanoseconds: 7 * Self.day)
        var sanction = SupplierSanction()
        sanction.record(violation: "v", at: Self.start, ladder: ladder)
        #expect(sanction.standing(at: Self.start + 29 * Self.day, ladder: ladder)?.level == .cutoff)
        #expect(sanction.standing(at: Self.start + 30 * Self.day, ladder: ladder) == nil)
    }
}
