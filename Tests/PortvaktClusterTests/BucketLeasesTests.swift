import Testing

@testable import PortvaktCluster
@testable import PortvaktCore

/// Leases without Redis: what is lent is what is spent, demand sizes them, one top-up at a time, and they expire.
@Suite struct BucketLeasesTests {
    private static let second: Int64 = 1_000_000_000

    private static func bucket(_ rule: String = "supplier", burst: Int = 1000, subject: String = "312345676")
        -> SharedLimiterRequest.Bucket
    {
        .init(
            rule: rule, policy: TokenBucketPolicy(burst: burst, count: Int64(burst), periodNanoseconds: 60 * second)!,
            subject: subject)
    }

    private static func request(_ enforced: SharedLimiterRequest.Bucket..., shadow: [SharedLimiterRequest.Bucket] = [])
        -> SharedLimiterRequest
    {
        SharedLimiterRequest(
            enforced: enforced, shadow: shadow, enforcedRules: Array(enforced.indices), isThrottled: false)
    }

    /// A bucket as Redis reports it after lending: `remaining` tokens there, full in `reset` ns.
    private static func state(remaining: Int, reset: Int64 = 0) -> TokenBucketDecision {
        .init(isAllowed: true, remaining: remaining, retryAfterNanoseconds: 0, resetNanoseconds: reset)
    }

    @Test func leasesHoldAtMostAnEighthOfTheBurstSharedAmongTheInstances() {
        let policy = Self.bucket(burst: 1000).policy
        #expect(BucketLeases.size(of: policy, instances: 1) == 64)
        #expect(BucketLeases.size(of: policy, instances: 3) == 41)
        #expect(BucketLeases.size(of: Self.bucket(burst: 23).policy, instances: 3) == 0)
        #expect(BucketLeases.size(of: Self.bucket(burst: 24).policy, instances: 3) == 1)
    }

    @Test func aBucketTooSmallToLeaseSendsEveryRequestToRedisAndAsksForNothing() {
        var leases = BucketLeases(instances: 3)
        let request = Self.request(Self.bucket(burst: 10))
        for step in 0..<50 {
            let (answer, topUps) = leases.admit(request, now: Int64(step) * 1_000_000)
            #expect(answer == nil)
            #expect(topUps.isEmpty)
        }
        #expect(leases.count == 0)
    }

    @Test func aRequestWithABucketTooSmallToLeaseLeasesNoneOfItsBuckets() {
        var leases = BucketLeases(instances: 3)
        let request = Self.request(Self.bucket("small", burst: 10), Self.bucket("large", burst: 1000))
        for step in 0..<50 {
            let (answer, topUps) = leases.admit(request, now: Int64(step) * 1_000_000)
            #expect(answer == nil)
            #expect(topUps.isEmpty)
        }
        #expect(leases.count == 0)
    }

    @Test func demandSizesTheLeaseAndWhatIsLentIsSpentOnceEach() throws {
        var leases = BucketLeases(instances: 1)
        let bucket = Self.bucket()
        let request = Self.request(bucket)
        // The first request shows no demand yet; the second asks for one token (half of two requests).
        var admitted = leases.admit(request, now: 0)
        #expect(admitted.answer == nil)
        #expect(admitted.topUps.isEmpty)
        admitted = leases.admit(request, now: 1)
        #expect(admitted.answer == nil)
        #expect(admitted.topUps == [.init(bucket: bucket, tokens: 1)])
        // While that top-up is out, no other is asked for.
        for step in 2..<20 {
            admitted = leases.admit(request, now: Int64(step))
            #expect(admitted.answer == nil)
            #expect(admitted.topUps.isEmpty)
        }
        // Redis lent ten (say): ten requests are decided here, the eleventh goes to Redis.
        leases.lent(10, for: bucket, bucketState: Self.state(remaining: 900, reset: 6 * Self.second), now: 20)
        var decided = 0
        for step in 21..<40 {
            let answer = leases.admit(request, now: Int64(step)).answer
            if let answer {
                decided += 1
                let outcome = try #require(answer.enforced)
                #expect(outcome.isAllowed)
                // Redis's remaining plus what this lease still holds.
                #expect(outcome.mostRestrictiveDecision?.remaining == 900 + 10 - decided)
            }
        }
        #expect(decided == 10)
    }

    @Test func theLeaseIsToppedUpWhenHalfOfItIsSpentNeverBeyondItsSize() {
        var leases = BucketLeases(instances: 1)
        let bucket = Self.bucket()
        let request = Self.request(bucket)
        var now: Int64 = 0
        var held = 0
        var lentInTotal = 0
        var spent = 0
        // A busy supplier: 1000 requests in half a second; Redis lends all it is asked for, at once.
        for _ in 0..<1000 {
            now += 500_000
            let (answer, topUps) = leases.admit(request, now: now)
            if answer != nil {
                spent += 1
                held -= 1
            }
            for topUp in topUps {
                held += topUp.tokens
                lentInTotal += topUp.tokens
                leases.lent(topUp.tokens, for: bucket, bucketState: Self.state(remaining: 500), now: now)
            }
            #expect(held <= BucketLeases.largestLease)
        }
        #expect(spent == lentInTotal - held)
        // Nearly every request was decided here once demand was seen.
        #expect(spent > 900)
    }

    @Test func aRequestIsDecidedHereOnlyWhenEveryOneOfItsBucketsHoldsAToken() {
        var leases = BucketLeases(instances: 1)
        let (minute, hour) = (Self.bucket("minute"), Self.bucket("hour"))
        let request = Self.request(minute, hour)
        _ = leases.admit(request, now: 0)
        _ = leases.admit(request, now: 1)
        leases.lent(5, for: minute, bucketState: Self.state(remaining: 990), now: 2)
        leases.lent(0, for: hour, bucketState: Self.state(remaining: 400), now: 2)
        // `hour` lent nothing: the request goes to Redis, and `minute`'s tokens stay.
        #expect(leases.admit(request, now: 3).answer == nil)
        #expect(leases.admit(Self.request(minute), now: 4).answer != nil)
        leases.lent(3, for: hour, bucketState: Self.state(remaining: 397), now: 5)
        let answer = leases.admit(request, now: 6).answer
        #expect(answer?.enforced?.isAllowed == true)
        // The fields name the tighter bucket: `hour`, 397 + 2 left.
        #expect(answer?.enforced?.mostRestrictive == 1)
        #expect(answer?.enforced?.mostRestrictiveDecision?.remaining == 399)
    }

    @Test func shadowBucketsAreLeasedLikeTheOthersAndNeverRefuse() {
        var leases = BucketLeases(instances: 1)
        let (enforced, shadow) = (Self.bucket("minute"), Self.bucket("trial"))
        let request = Self.request(enforced, shadow: [shadow])
        _ = leases.admit(request, now: 0)
        _ = leases.admit(request, now: 1)
        leases.lent(2, for: enforced, bucketState: Self.state(remaining: 990), now: 2)
        leases.lent(2, for: shadow, bucketState: Self.state(remaining: 990), now: 2)
        let answer = leases.admit(request, now: 3).answer
        #expect(answer?.shadowAllowed == [true])
        #expect(answer?.enforced?.isAllowed == true)
    }

    @Test func lentTokensExpireAfterALifetimeAndTheirRecordIsSweptOnceIdle() {
        var leases = BucketLeases(instances: 1)
        let bucket = Self.bucket()
        let request = Self.request(bucket)
        _ = leases.admit(request, now: 0)
        _ = leases.admit(request, now: 1)
        leases.lent(5, for: bucket, bucketState: Self.state(remaining: 990), now: 2)
        #expect(leases.admit(request, now: 3).answer != nil)
        let expired = leases.admit(request, now: 2 + BucketLeases.lifetime)
        #expect(expired.answer == nil)
        // It asked for a top-up, which Redis did not answer.
        #expect(expired.topUps.count == 1)
        leases.notLent(for: bucket)
        // A record nobody draws on, holding nothing, goes at the first sweep two lifetimes after its last
        // request (at 1 s); a busy one stays.
        let busy = Self.request(Self.bucket(subject: "310000001"))
        _ = leases.admit(busy, now: 2 * BucketLeases.lifetime)
        #expect(leases.count == 2)
        _ = leases.admit(busy, now: 3 * BucketLeases.lifetime + BucketLeases.lifetime / 2)
        #expect(leases.count == 1)
    }

    @Test func aTopUpThatGotNoAnswerMayBeAskedForAgain() {
        var leases = BucketLeases(instances: 1)
        let bucket = Self.bucket()
        let request = Self.request(bucket)
        _ = leases.admit(request, now: 0)
        #expect(leases.admit(request, now: 1).topUps.count == 1)
        #expect(leases.admit(request, now: 2).topUps.isEmpty)
        leases.notLent(for: bucket)
        #expect(leases.admit(request, now: 3).topUps == [.init(bucket: bucket, tokens: 2)])
    }
}
