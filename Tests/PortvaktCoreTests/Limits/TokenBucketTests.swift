import PortvaktCore
import PortvaktTestSupport
import Testing

@Suite struct TokenBucketTests {

    @Test(arguments: [1, 2, 120, 1000])
    func aFreshBucketAllowsExactlyBurstAtOneInstant(burst: Int) {
        let policy = LimitsFixture.policy(burst: burst, count: 7, period: LimitsFixture.second)
        var bucket = TokenBucket()
        for taken in 1...burst {
            let decision = bucket.decide(now: LimitsFixture.start, policy: policy)
            #expect(decision.isAllowed)
            #expect(decision.remaining == burst - taken)
            #expect(decision.retryAfterNanoseconds == 0)
        }
        let refused = bucket.decide(now: LimitsFixture.start, policy: policy)
        #expect(!refused.isAllowed)
        #expect(refused.remaining == 0)
        #expect(refused.retryAfterNanoseconds == LimitsFixture.tokenTime(1, policy))
    }

    @Test func refusedRequestsTakeNoToken() {
        let policy = LimitsFixture.policy(burst: 3, count: 2, period: LimitsFixture.second)
        var bucket = TokenBucket()
        for _ in 1...3 { #expect(bucket.decide(now: LimitsFixture.start, policy: policy).isAllowed) }
        for offset in stride(from: Int64(0), to: LimitsFixture.second / 2, by: 1_000_007) {
            #expect(!bucket.decide(now: LimitsFixture.start + offset, policy: policy).isAllowed)
        }
        #expect(!bucket.decide(now: LimitsFixture.start + LimitsFixture.second / 2 - 1, policy: policy).isAllowed)
        #expect(bucket.decide(now: LimitsFixture.start + LimitsFixture.second / 2, policy: policy).isAllowed)
        #expect(!bucket.decide(now: LimitsFixture.start + LimitsFixture.second / 2, policy: policy).isAllowed)
    }

    @Test(
        arguments: [
            (2, LimitsFixture.second), (120, 60 * LimitsFixture.second), (10, 60 * LimitsFixture.second),
            (7, LimitsFixture.second),
        ]
            as [(Int64, Int64)])
    func aTokenComesBackAtTheIntervalAndNotOneNanosecondBefore(count: Int64, period: Int64) {
        let policy = LimitsFixture.policy(burst: 1, count: count, period: period)
        var bucket = TokenBucket()
        #expect(bucket.decide(now: LimitsFixture.start, policy: policy).isAllowed)
        let interval = LimitsFixture.tokenTime(1, policy)
        let early = bucket.decide(now: LimitsFixture.start + interval - 1, policy: policy)
        #expect(!early.isAllowed)
        #expect(early.retryAfterNanoseconds == 1)
        #expect(early.resetNanoseconds == 1)
        #expect(bucket.decide(now: LimitsFixture.start + interval, policy: policy).isAllowed)
    }

    /// With burst 2 and the bucket drained, requests at each token's arrival keep the bucket below one token,
    /// so nothing is lost to the cap: the k-th token must arrive at exactly ceil(k · period / count).
    @Test(
        .onOwnThreads,
        arguments: [
            (2, LimitsFixture.second), (120, 60 * LimitsFixture.second), (10, 60 * LimitsFixture.second),
            (7, LimitsFixture.second),
        ]
            as [(Int64, Int64)])
    func noDriftOverAMillionIntervals(count: Int64, period: Int64) {
        let policy = LimitsFixture.policy(burst: 2, count: count, period: period)
        var bucket = TokenBucket()
        #expect(bucket.decide(now: LimitsFixture.start, policy: policy).isAllowed)
        #expect(bucket.decide(now: LimitsFixture.start, policy: policy).isAllowed)
        var mismatches = 0
        for k in Int64(1)...1_000_000 {
            let arrival = LimitsFixture.start + LimitsFixture.tokenTime(k, policy)
            let early = bucket.decide(now: arrival - 1, policy: policy)
            let onTime = bucket.decide(now: arrival, policy: policy)
            if early.isAllowed || early.retryAfterNanoseconds != 1 || !onTime.isAllowed || onTime.remaining != 0 {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func remainingAndResetAtChosenInstants() {
        let policy = LimitsFixture.policy(burst: 120, count: 120, period: 60 * LimitsFixture.second)
        var bucket = TokenBucket()
        var last = bucket.decide(now: LimitsFixture.start, policy: policy)
        for _ in 2...33 { last = bucket.decide(now: LimitsFixture.start, policy: policy) }
        #expect(
            last
                == TokenBucketDecision(
                    isAllowed: true, remaining: 87, retryAfterNanoseconds: 0, resetNanoseconds: 16_500_000_000))
        // 1.2 s later 2.4 tokens are back: 89 whole ones, full in 15.3 s.
        let later = bucket.peek(now: LimitsFixture.start + 1_200_000_000, policy: policy)
        #expect(
            later
                == TokenBucketDecision(
                    isAllowed: true, remaining: 89, retryAfterNanoseconds: 0, resetNanoseconds: 15_300_000_000))
        // Peeking takes nothing.
        #expect(bucket.peek(now: LimitsFixture.start + 1_200_000_000, policy: policy) == later)
        let next = bucket.decide(now: LimitsFixture.start + 1_200_000_000, policy: policy)
        #expect(
            next
                == TokenBucketDecision(
                    isAllowed: true, remaining: 88, retryAfterNanoseconds: 0, resetNanoseconds: 15_800_000_000))
    }

    @Test func aRefusalSaysWhenTheNextTokenAndAFullBucketAreDue() {
        let policy = LimitsFixture.policy(burst: 3, count: 2, period: LimitsFixture.second)
        var bucket = TokenBucket()
        for _ in 1...3 { _ = bucket.decide(now: LimitsFixture.start, policy: policy) }
        #expect(
            bucket.decide(now: LimitsFixture.start, policy: policy)
                == TokenBucketDecision(
                    isAllowed: false, remaining: 0, retryAfterNanoseconds: 500_000_000, resetNanoseconds: 1_500_000_000)
        )
        #expect(
            bucket.decide(now: LimitsFixture.start + 200_000_000, policy: policy)
                == TokenBucketDecision(
                    isAllowed: false, remaining: 0, retryAfterNanoseconds: 300_000_000, resetNanoseconds: 1_300_000_000)
        )
        #expect(bucket.peek(now: LimitsFixture.start + 200_000_000, policy: policy).isAllowed == false)
    }

    @Test func fractionalIntervalsRoundUpToWholeNanoseconds() {
        let policy = LimitsFixture.policy(burst: 7, count: 7, period: LimitsFixture.second)
        var bucket = TokenBucket()
        let first = bucket.decide(now: LimitsFixture.start, policy: policy)
        #expect(first.remaining == 6)
        #expect(first.resetNanoseconds == 142_857_143)
        _ = bucket.decide(now: LimitsFixture.start, policy: policy)
        #expect(bucket.peek(now: LimitsFixture.start + 142_857_142, policy: policy).remaining == 5)
        #expect(bucket.peek(now: LimitsFixture.start + 142_857_143, policy: policy).remaining == 6)
        #expect(bucket.peek(now: LimitsFixture.start + 142_857_143, policy: policy).resetNanoseconds == 142_857_143)
    }

    @Test func isFullExactlyWhenEveryTokenIsBack() {
        let policy = LimitsFixture.policy(burst: 3, count: 7, period: LimitsFixture.second)
        var bucket = TokenBucket()
        #expect(bucket.isFull(now: LimitsFixture.start))
        #expect(bucket.isFull(now: .min / 2))
        for _ in 1...3 { _ = bucket.decide(now: LimitsFixture.start, policy: policy) }
        #expect(!bucket.isFull(now: LimitsFixture.start))
        let refill = LimitsFixture.tokenTime(3, policy)
        #expect(refill == 428_571_429)
        #expect(!bucket.isFull(now: LimitsFixture.start + refill - 1))
        #expect(bucket.peek(now: LimitsFixture.start + refill - 1, policy: policy).remaining == 2)
        #expect(bucket.isFull(now: LimitsFixture.start + refill))
        #expect(bucket.peek(now: LimitsFixture.start + refill, policy: policy).remaining == 3)
        #expect(bucket.peek(now: LimitsFixture.start + refill, policy: policy).resetNanoseconds == 0)
        // A full bucket behaves as a fresh one: forgetting it changes nothing.
        var fresh = TokenBucket()
        let later = LimitsFixture.start + refill + 12_345
        #expect(bucket.decide(now: later, policy: policy) == fresh.decide(now: later, policy: policy))
    }

    @Test func largeBurstsAndCountsStayExact() {
        let policy = LimitsFixture.policy(
            burst: 1_000_000_000, count: 1_000_000_000, period: 7 * 24 * 3600 * LimitsFixture.second)
        var bucket = TokenBucket()
        var last = bucket.decide(now: LimitsFixture.start, policy: policy)
        // 20 000 tokens taken put the TAT ~1.2e10 ns ahead; times the count, past 2^63.
        for _ in 2...20_000 { last = bucket.decide(now: LimitsFixture.start, policy: policy) }
        #expect(last.isAllowed)
        #expect(last.remaining == 1_000_000_000 - 20_000)
        #expect(last.resetNanoseconds == 20_000 * 604_800)
    }

    @Test func theStateIsSmall() {
        #expect(MemoryLayout<TokenBucket>.size <= 16)
    }
}
