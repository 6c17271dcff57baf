import PortvaktCore
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
        for taken in 1...3 {
            let outcome = table.decide(checks, now: LimitsFixture.start)
            #expect(outcome.isAllowed)
            #expect(outcome.decisions.map(\.remaining) == [3 - taken, 5 - taken])
        }
        // The burst rule refuses; the other rule keeps its two tokens.
        let refused = table.decide(checks, now: LimitsFixture.start)
        #expect(!refused.isAllowed)
        #expect(refused.refusing == [0])
        #expect(refused.mostRestrictive == 0)
        #expect(refused.retryAfterNanoseconds == LimitsFixture.tokenTime(1, burst))
        #expect(table.peek(checks[1].key, now: LimitsFixture.start, policy: hourly).remaining == 2)

        // Each refilled burst token is taken from both rules.
        for k in Int64(1)...2 {
            let now = LimitsFixture.start + LimitsFixture.tokenTime(k, burst)
            #expect(!table.decide(checks, now: now - 1).isAllowed)
            let outcome = table.decide(checks, now: now)
            #expect(outcome.isAllowed)
            #expect(outcome.decisions.map(\.remaining) == [0, 2 - Int(k)])
        }

        // Ten seconds in, the burst rule has a token but the other is drained until its first token at 12 s.
        let now = LimitsFixture.start + 10 * LimitsFixture.second
        let blocked = table.decide(checks, now: now)
        #expect(!blocked.isAllowed)
        #expect(blocked.refusing == [1])
        #expect(blocked.decisions[0].isAllowed)
        #expect(blocked.mostRestrictive == 1)
        #expect(blocked.retryAfterNanoseconds == 2 * LimitsFixture.second)
        #expect(table.peek(checks[0].key, now: now, policy: burst).remaining == 1)
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
        #expect(outcome.retryAfterNanoseconds == 60 * LimitsFixture.second - 1)
        #expect(
            outcome.decisions[2]
                == TokenBucketDecision(
                    isAllowed: true, remaining: 10, retryAfterNanoseconds: 0, resetNanoseconds: 0))
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
        #expect(outcome.decisions.map(\.remaining) == [1, 1])
        #expect(outcome.mostRestrictive == 1)
        #expect(table.decide([], now: LimitsFixture.start).mostRestrictive == nil)
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

    /// The rules of `LimiterTable` over a dictionary that never forgets a key.
    struct Reference {
        var buckets: [LimiterKey: TokenBucket] = [:]

        mutating func decide(_ checks: [LimiterCheck], now: Int64) -> (
            isAllowed: Bool, decisions: [TokenBucketDecision], refusing: [Int], retryAfter: Int64
        ) {
            let peeked = checks.map { (buckets[$0.key] ?? TokenBucket()).peek(now: now, policy: $0.policy) }
            let refusing = peeked.indices.filter { !peeked[$0].isAllowed }
            guard refusing.isEmpty else {
                let retryAfter = refusing.map { peeked[$0].retryAfterNanoseconds }.max()!
                return (false, peeked, refusing, retryAfter)
            }
            let taken = checks.map { check in
                buckets[check.key, default: TokenBucket()].decide(now: now, policy: check.policy)
            }
            return (true, taken, [], 0)
        }

        func nonFull(now: Int64, policies: [TokenBucketPolicy]) -> Int {
            buckets.filter { !$0.value.isFull(now: now, policy: policies[Int($0.key.rule)]) }.count
        }
    }

    @Test(arguments: [
        (seed: UInt64(1), capacity: 8, subjects: 40, meanStepMilliseconds: Int64(150)),
        (seed: UInt64(2), capacity: 16, subjects: 100, meanStepMilliseconds: Int64(50)),
        (seed: UInt64(3), capacity: 32, subjects: 60, meanStepMilliseconds: Int64(400)),
        (seed: UInt64(4), capacity: 8, subjects: 8, meanStepMilliseconds: Int64(20)),
    ])
    func evictionNeverChangesADecision(seed: UInt64, capacity: Int, subjects: Int, meanStepMilliseconds: Int64) {
        let policies = [
            LimitsFixture.policy(burst: 2, count: 1, period: LimitsFixture.second),
            LimitsFixture.policy(burst: 5, count: 5, period: 10 * LimitsFixture.second),
            LimitsFixture.policy(burst: 3, count: 7, period: 3 * LimitsFixture.second),
        ]
        var random = SeededGenerator(state: seed)
        var table = LimiterTable(capacity: capacity, sweepLimit: 4)
        var reference = Reference()
        var now = LimitsFixture.start
        var peakNeeded = 0
        var peakCount = 0
        var allowed = 0
        var refused = 0
        for step in 0..<20_000 {
            now += Int64.random(in: 0...(2 * meanStepMilliseconds * 1_000_000), using: &random)
            let subject = Int.random(in: 0..<subjects, using: &random)
            var checks: [LimiterCheck] = []
            for (rule, policy) in policies.enumerated() where Int.random(in: 0..<10, using: &random) < 7 {
                // The rules key on different things: a supplier, a customer, a pair of them.
                let key = rule == 1 ? "customer-\(subject % 7)" : "subject-\(subject)"
                checks.append(LimiterCheck(rule: Int32(rule), subject: key, policy: policy))
            }
            let outcome = table.decide(checks, now: now)
            let expected = reference.decide(checks, now: now)
            #expect(outcome.isAllowed == expected.isAllowed)
            #expect(outcome.decisions == expected.decisions)
            #expect(outcome.refusing == expected.refusing)
            #expect(outcome.retryAfterNanoseconds == expected.retryAfter)
            if outcome.isAllowed { allowed += 1 } else { refused += 1 }
            peakCount = max(peakCount, table.count)
            guard step % 16 == 0 else { continue }
            peakNeeded = max(peakNeeded, reference.nonFull(now: now, policies: policies))
        }
        #expect(allowed > 0 && refused > 0)
        // The table outgrows `capacity` only as far as the buckets that must be kept (sampled, hence a slack).
        #expect(peakCount <= max(capacity, peakNeeded) + 4)

        // Once every bucket has refilled, each new key sweeps away up to `sweepLimit` full ones (fewer when
        // the sweep meets the new, non-full keys): the table is back at capacity within a few inserts.
        now += 60 * LimitsFixture.second
        let excess = table.count - capacity
        var inserts = 0
        while table.count > capacity, inserts <= excess {
            _ = table.decide([LimiterCheck(rule: 0, subject: "late-\(inserts)", policy: policies[0])], now: now)
            inserts += 1
        }
        #expect(table.count <= capacity)
        #expect(inserts <= (excess + 1) / 2 + 1)
    }
}
