import PortvaktCore
import PortvaktTestSupport
import Testing

@Suite struct LimiterTableTests {

    @Test func twoRulesStackExactly() {
        let burst = LimitsFixture.policy(burst: 3, count: 3, period: 10 * LimitsFixture.second)
        let hourly = LimitsFixture.policy(burst: 5, count: 5, period: 60 * LimitsFixture.second)
        let checks = [
            LimiterCheck(rule: 0, subject: "org-1", policy: burst),
            LimiterCheck(rule: 1, subject: "org-1", policy: hourly),
        ]
        var table = LimiterTable(capacity: 8)
        func remaining(at now: Int64) -> [Int] {
            checks.map { table.peek($0.key, now: now, policy: $0.policy).remaining }
        }
        for taken in 1...3 {
            let outcome = table.decide(checks, now: LimitsFixture.start)
            #expect(outcome.isAllowed)
            #expect(remaining(at: LimitsFixture.start) == [3 - taken, 5 - taken])
            #expect(outcome.mostRestrictive == 0)
            #expect(outcome.mostRestrictiveDecision?.remaining == 3 - taken)
        }
        // The burst rule refuses; the other rule keeps its two tokens.
        let refused = table.decide(checks, now: LimitsFixture.start)
        #expect(!refused.isAllowed)
        #expect(refused.refusing == [0])
        #expect(refused.mostRestrictive == 0)
        #expect(refused.mostRestrictiveDecision?.isAllowed == false)
        #expect(refused.retryAfterNanoseconds == LimitsFixture.tokenTime(1, burst))
        #expect(remaining(at: LimitsFixture.start) == [0, 2])

        // Each refilled burst token is taken from both rules.
        for k in Int64(1)...2 {
            let now = LimitsFixture.start + LimitsFixture.tokenTime(k, burst)
            #expect(!table.decide(checks, now: now - 1).isAllowed)
            #expect(table.decide(checks, now: now).isAllowed)
            #expect(remaining(at: now) == [0, 2 - Int(k)])
        }

        // Ten seconds in, the burst rule has a token but the other is drained until its first token at 12 s.
        let now = LimitsFixture.start + 10 * LimitsFixture.second
        let blocked = table.decide(checks, now: now)
        #expect(!blocked.isAllowed)
        #expect(blocked.refusing == [1])
        #expect(blocked.mostRestrictive == 1)
        #expect(blocked.retryAfterNanoseconds == 2 * LimitsFixture.second)
        #expect(remaining(at: now) == [1, 0])
        #expect(table.decide(checks, now: LimitsFixture.start + 12 * LimitsFixture.second).isAllowed)
    }

    @Test func aRefusalNamesEveryRefusingRuleAndTakesNothing() {
        let perSecond = LimitsFixture.policy(burst: 1, count: 1, period: LimitsFixture.second)
        let perMinute = LimitsFixture.policy(burst: 1, count: 1, period: 60 * LimitsFixture.second)
        let roomy = LimitsFixture.policy(burst: 10, count: 10, period: LimitsFixture.second)
        var table = LimiterTable(capacity: 8)
        let drain = [
            LimiterCheck(rule: 0, subject: "a", policy: perSecond),
            LimiterCheck(rule: 1, subject: "a", policy: perMinute),
        ]
        #expect(table.decide(drain, now: LimitsFixture.start).isAllowed)
        let checks = drain + [LimiterCheck(rule: 2, subject: "a", policy: roomy)]
        let countBefore = table.count
        let outcome = table.decide(checks, now: LimitsFixture.start + 1)
        #expect(!outcome.isAllowed)
        #expect(outcome.refusing == [0, 1])
        #expect(Array(outcome.refusing) == [0, 1])
        #expect(outcome.retryAfterNanoseconds == 60 * LimitsFixture.second - 1)
        // Of two refusing rules with nothing left, the one full again soonest carries the fields.
        #expect(outcome.mostRestrictive == 0)
        // Nothing was taken, and the rule that allowed was not even tracked.
        #expect(table.count == countBefore)
        #expect(table.peek(checks[2].key, now: LimitsFixture.start + 1, policy: roomy).remaining == 10)
    }

    @Test func theMostRestrictiveRuleBreaksTiesOnTheShortestReset() {
        let slow = LimitsFixture.policy(burst: 2, count: 1, period: 10 * LimitsFixture.second)
        let fast = LimitsFixture.policy(burst: 2, count: 1, period: LimitsFixture.second)
        var table = LimiterTable(capacity: 8)
        let outcome = table.decide(
            [
                LimiterCheck(rule: 0, subject: "a", policy: slow),
                LimiterCheck(rule: 1, subject: "a", policy: fast),
            ], now: LimitsFixture.start)
        #expect(outcome.mostRestrictive == 1)
        #expect(
            outcome.mostRestrictiveDecision
                == TokenBucketDecision(
                    isAllowed: true, remaining: 1, retryAfterNanoseconds: 0, resetNanoseconds: LimitsFixture.second))
        let none = table.decide([], now: LimitsFixture.start)
        #expect(none.isAllowed && none.mostRestrictive == nil && none.mostRestrictiveDecision == nil)
    }

    @Test func fullBucketsAreEvictedAtCapacity() {
        let policy = LimitsFixture.policy(burst: 2, count: 1, period: LimitsFixture.second)
        var table = LimiterTable(capacity: 4)
        for subject in 0..<4 {
            _ = table.decide([LimiterCheck(rule: 0, subject: "s\(subject)", policy: policy)], now: LimitsFixture.start)
        }
        // None is full yet: the table grows rather than forget one.
        _ = table.decide([LimiterCheck(rule: 0, subject: "s4", policy: policy)], now: LimitsFixture.start)
        #expect(table.count == 5)
        // A second later all are full again; a new key brings the table back below capacity.
        _ = table.decide(
            [LimiterCheck(rule: 0, subject: "s5", policy: policy)], now: LimitsFixture.start + LimitsFixture.second)
        #expect(table.count <= 4)
    }

    @Test(
        .onOwnThreads,
        arguments: [
            (seed: UInt64(1), capacity: 8, subjects: 40, meanStepMilliseconds: Int64(150)),
            (seed: UInt64(2), capacity: 16, subjects: 100, meanStepMilliseconds: Int64(50)),
            (seed: UInt64(3), capacity: 32, subjects: 60, meanStepMilliseconds: Int64(400)),
            (seed: UInt64(4), capacity: 8, subjects: 8, meanStepMilliseconds: Int64(20)),
        ])
    func evictionNeverChangesADecision(seed: UInt64, capacity: Int, subjects: Int, meanStepMilliseconds: Int64) {
        var table = LimiterTable(capacity: capacity, sweepLimit: 4)
        var scenario = LimiterScenario(seed: seed, subjects: subjects, meanStepMilliseconds: meanStepMilliseconds)
        var peakCount = 0
        scenario.run(
            steps: 20_000, decide: { table.decide($0, now: $1) },
            peek: { table.peek($0.key, now: $1, policy: $0.policy) },
            afterEach: { peakCount = max(peakCount, table.count) })
        #expect(scenario.allowed > 0 && scenario.refused > 0)
        // The table outgrows `capacity` only about as far as the buckets that must be kept: an insert examines
        // only `sweepLimit` keys, so a few full ones may stay while others are added. How many depends on where
        // the keys land, and subject digests are keyed by a per-process random seed (seen: up to 5 over, once,
        // at capacity 16).
        #expect(peakCount <= max(capacity, scenario.peakNeeded) + 8)

        // Once every bucket has refilled, each new key sweeps away up to `sweepLimit` full ones (fewer when
        // the sweep meets the new, non-full keys): the table is back at capacity within a few inserts.
        let now = scenario.now + 60 * LimitsFixture.second
        let excess = table.count - capacity
        var inserts = 0
        while table.count > capacity, inserts <= excess {
            let check = LimiterCheck(rule: 0, subject: "late-\(inserts)", policy: LimiterScenario.policies[0])
            _ = table.decide([check], now: now)
            inserts += 1
        }
        #expect(table.count <= capacity)
        #expect(inserts <= (excess + 1) / 2 + 1)
    }

    /// Inserts and removals in one small index, so probe runs wrap around and get shifted back across the
    /// end; every key still tracked must still be found.
    @Test func keysStayFoundThroughChurn() {
        let policy = LimitsFixture.policy(burst: 1, count: 1, period: LimitsFixture.second)
        var table = LimiterTable(capacity: 6, sweepLimit: 3)
        var random = SeededGenerator(state: 9)
        var drained: [Int: Int64] = [:]
        var now = LimitsFixture.start
        for _ in 0..<20_000 {
            now += Int64.random(in: 0...(LimitsFixture.second / 3), using: &random)
            let subject = Int.random(in: 0..<30, using: &random)
            let check = LimiterCheck(rule: Int32(subject % 3), subject: "s\(subject)", policy: policy)
            let expected = drained[subject].map { now - $0 >= LimitsFixture.second } ?? true
            #expect(table.decide([check], now: now).isAllowed == expected)
            if expected { drained[subject] = now }
        }
    }

    /// Bytes per key from the table's own accounting, at a quarter of a million keys all still draining (none
    /// evictable): the per-key cost does not depend on the count. A million inserts take some 15 seconds in a
    /// debug build, so the million is measured by the `Limiter` benchmark instead (release build, with RSS).
    @Test(.onOwnThreads) func aKeyTakesAtMost128Bytes() {
        let keys = 1 << 18
        let policy = LimitsFixture.policy(burst: 10, count: 1, period: LimitsFixture.second)
        var table = LimiterTable(capacity: keys)
        for subject in 0..<keys {
            let check = LimiterCheck(rule: 0, subject: LimiterSubject(String(subject)), policy: policy)
            _ = table.decide([check], now: LimitsFixture.start)
        }
        #expect(table.count == keys)
        let bytesPerKey = Double(table.allocatedBytes) / Double(keys)
        #expect(bytesPerKey <= 128)
        #expect(bytesPerKey <= 48, "32 bytes of key and bucket, a third more slots, rounded up to 2 MiB")
    }

    /// The slots live outside the struct, but a copy is a separate table: the first write copies them.
    @Test func aCopyOfATableIsIndependent() {
        let policy = LimitsFixture.policy(burst: 1, count: 1, period: LimitsFixture.second)
        let check = LimiterCheck(rule: 0, subject: "312345676", policy: policy)
        var original = LimiterTable(capacity: 4)
        #expect(original.decide([check], now: LimitsFixture.start).isAllowed)
        var copy = original
        #expect(!copy.decide([check], now: LimitsFixture.start).isAllowed)
        let other = LimiterCheck(rule: 1, subject: "313999998", policy: policy)
        #expect(copy.decide([other], now: LimitsFixture.start).isAllowed)
        #expect(copy.count == 2)
        #expect(original.count == 1)
        #expect(original.peek(other.key, now: LimitsFixture.start, policy: policy).remaining == 1)
        #expect(copy.peek(other.key, now: LimitsFixture.start, policy: policy).remaining == 0)
    }
}
