import PortvaktCore
import Testing

@testable import PortvaktCluster

@Suite struct SharedBucketScriptTests {
    private static func policy(burst: Int, count: Int64, seconds: Int64) -> TokenBucketPolicy {
        TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: seconds * 1_000_000_000)!
    }

    @Test func intervalsAreRoundedToTheMicrosecond() {
        let perMinute = SharedBucketScript.Shape(Self.policy(burst: 120, count: 120, seconds: 60))
        #expect(perMinute.burst == 120)
        #expect(perMinute.interval == 500_000)
        #expect(perMinute.tolerance == 119 * 500_000)
        // 1/7 s is 142857.142… µs.
        #expect(SharedBucketScript.Shape(Self.policy(burst: 1, count: 7, seconds: 1)).interval == 142_857)
        // Never below a microsecond.
        let fast = TokenBucketPolicy(burst: 5, count: 1_000_000_000, periodNanoseconds: 1)!
        #expect(SharedBucketScript.Shape(fast).interval == 1)
    }

    @Test func aTakenTokenLeavesTheRestAndARefusalSaysWhenToRetry() {
        let shape = SharedBucketScript.Shape(Self.policy(burst: 3, count: 1, seconds: 1))
        // A fresh bucket after its first token: two left, full again in one interval.
        let first = SharedBucketScript.decision(taken: true, ahead: 1_000_000, shape: shape)
        #expect(
            first == .init(isAllowed: true, remaining: 2, retryAfterNanoseconds: 0, resetNanoseconds: 1_000_000_000))
        // Drained: three intervals ahead, the next token in one.
        let refused = SharedBucketScript.decision(taken: false, ahead: 3_000_000, shape: shape)
        #expect(
            refused
                == .init(
                    isAllowed: false, remaining: 0, retryAfterNanoseconds: 1_000_000_000,
                    resetNanoseconds: 3_000_000_000))
        // Not taken because another rule refused, but this one had tokens: a peek.
        let peek = SharedBucketScript.decision(taken: false, ahead: 1_500_000, shape: shape)
        #expect(peek.isAllowed)
        #expect(peek.remaining == 1)
    }

    @Test func aBucketsKeyNamesRulePolicyAndSubjectWithoutShowingTheSubject() {
        let bucket = SharedLimiterRequest.Bucket(
            rule: "dialogporten-default", policy: Self.policy(burst: 120, count: 120, seconds: 60),
            subject: "312345676")
        let key = SharedBucketScript.key(of: bucket)
        #expect(key.hasPrefix("portvakt:bucket:"))
        #expect(key.count == "portvakt:bucket:".count + 32)
        #expect(!key.contains("312345676"))
        #expect(SharedBucketScript.key(of: bucket) == key)
        var other = bucket
        other.subject = "312345677"
        #expect(SharedBucketScript.key(of: other) != key)
        other = bucket
        other.policy = Self.policy(burst: 30, count: 30, seconds: 60)
        #expect(SharedBucketScript.key(of: other) != key)
    }
}
