import Dispatch
import PortvaktCore
import PortvaktTestSupport
import Synchronization
import Testing

@Suite struct ShardedLimiterTests {

    @Test(
        .onOwnThreads,
        arguments: [
            (seed: UInt64(11), capacity: 8, shards: 4, subjects: 40, meanStepMilliseconds: Int64(150)),
            (seed: UInt64(12), capacity: 32, shards: 16, subjects: 100, meanStepMilliseconds: Int64(50)),
            (seed: UInt64(13), capacity: 16, shards: 2, subjects: 8, meanStepMilliseconds: Int64(20)),
        ])
    func evictionNeverChangesADecision(
        seed: UInt64, capacity: Int, shards: Int, subjects: Int, meanStepMilliseconds: Int64
    ) {
        let limiter = ShardedLimiter(capacity: capacity, shardCount: shards, sweepLimit: 4)
        var scenario = LimiterScenario(seed: seed, subjects: subjects, meanStepMilliseconds: meanStepMilliseconds)
        scenario.run(
            steps: 10_000, decide: { limiter.decide($0, now: $1) },
            peek: { limiter.peek($0.key, now: $1, policy: $0.policy) })
        #expect(scenario.allowed > 0 && scenario.refused > 0)
        // Each shard keeps to its share while some of its buckets are full.
        #expect(limiter.shardCapacity == (capacity + shards - 1) / shards)
    }

    /// Four threads draw from a supplier bucket and a customer bucket in different shards, naming them in
    /// opposite orders (ascending lock order must keep that from deadlocking). Time stands still within a
    /// round, so exactly the customer's tokens are allowed, and no refusal costs the supplier a token.
    @Test func concurrentRequestsTakeExactlyWhatTheBucketsHold() {
        let limiter = ShardedLimiter(capacity: 64, shardCount: 16)
        let supplierPolicy = LimitsFixture.policy(burst: 10_000, count: 100, period: LimitsFixture.second)
        let customerPolicy = LimitsFixture.policy(burst: 7_000, count: 50, period: LimitsFixture.second)
        let (supplier, customer) = Self.subjectsInDifferentShards(limiter)
        let checks = [
            LimiterCheck(rule: 0, subject: supplier, policy: supplierPolicy),
            LimiterCheck(rule: 1, subject: customer, policy: customerPolicy),
        ]
        let reversed = Array(checks.reversed())
        let threads = 4
        let attemptsPerThread = 3_000
        // Round 1 at the start: the customer's burst. Round 2 a second later: the 50 tokens it got back.
        for (round, expected) in [(Int64(0), 7_000), (LimitsFixture.second, 50)] {
            let allowed = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var mine = 0
                for _ in 0..<attemptsPerThread {
                    let outcome = limiter.decide(
                        thread % 2 == 0 ? checks : reversed, now: LimitsFixture.start + round)
                    if outcome.isAllowed { mine += 1 }
                }
                allowed.add(mine, ordering: .relaxed)
            }
            #expect(allowed.load(ordering: .relaxed) == expected)
        }
        let now = LimitsFixture.start + LimitsFixture.second
        #expect(limiter.peek(checks[1].key, now: now, policy: customerPolicy).remaining == 0)
        // 7 050 tokens taken from the supplier's 10 000 (and 100 refilled): none lost to a refusal.
        #expect(limiter.peek(checks[0].key, now: now, policy: supplierPolicy).remaining == 10_000 - 7_050 + 100)
    }

    @Test func theMostRestrictiveRuleIsChosenAcrossShards() {
        let limiter = ShardedLimiter(capacity: 64, shardCount: 16)
        let (supplier, customer) = Self.subjectsInDifferentShards(limiter)
        let roomy = LimitsFixture.policy(burst: 5, count: 5, period: LimitsFixture.second)
        let tight = LimitsFixture.policy(burst: 1, count: 1, period: LimitsFixture.second)
        let checks = [
            LimiterCheck(rule: 0, subject: supplier, policy: roomy),
            LimiterCheck(rule: 1, subject: customer, policy: tight),
        ]
        let first = limiter.decide(checks, now: LimitsFixture.start)
        #expect(first.isAllowed && first.mostRestrictive == 1 && first.mostRestrictiveDecision?.remaining == 0)
        let second = limiter.decide(checks, now: LimitsFixture.start)
        #expect(!second.isAllowed && second.refusing == [1])
        #expect(limiter.peek(checks[0].key, now: LimitsFixture.start, policy: roomy).remaining == 4)
        #expect(limiter.count == 2)
    }

    /// A supplier and a customer whose buckets the limiter keeps in different shards.
    static func subjectsInDifferentShards(_ limiter: ShardedLimiter) -> (LimiterSubject, LimiterSubject) {
        let supplier = LimiterSubject("312345676")
        let customer = (0..<1_000).lazy.map { LimiterSubject("customer-\($0)") }
            .first { limiter.shard(of: $0) != limiter.shard(of: supplier) }!
        return (supplier, customer)
    }
}
