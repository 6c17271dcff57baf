import PortvaktCore
import Testing

@Suite struct RateLimitFieldsTests {
    @Test func formatsThePolicyField() {
        #expect(
            RateLimitFields.policy(name: "dialogporten-default", quota: 120, windowNanoseconds: 60_000_000_000)
                == #""dialogporten-default";q=120;w=60"#)
        let policy = TokenBucketPolicy(burst: 120, count: 120, periodNanoseconds: 60_000_000_000)!
        #expect(RateLimitFields.policy(name: "d", policy: policy) == #""d";q=120;w=60"#)
        let halfSecond = TokenBucketPolicy(burst: 4, count: 2, periodNanoseconds: 500_000_000)!
        #expect(RateLimitFields.policy(name: "d", policy: halfSecond) == #""d";q=2;w=1"#)
    }

    @Test func formatsTheRateLimitFieldWithTheResetRoundedUp() {
        #expect(
            RateLimitFields.rateLimit(name: "dialogporten-default", remaining: 87, resetNanoseconds: 12_000_000_000)
                == #""dialogporten-default";r=87;t=12"#)
        #expect(
            RateLimitFields.rateLimit(name: "d", remaining: 0, resetNanoseconds: 11_000_000_001) == #""d";r=0;t=12"#)
        #expect(RateLimitFields.rateLimit(name: "d", remaining: 5, resetNanoseconds: 0) == #""d";r=5;t=0"#)
    }

    @Test func escapesQuotesAndBackslashes() {
        #expect(RateLimitFields.quotedString(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(RateLimitFields.quotedString("") == #""""#)
        #expect(RateLimitFields.quotedString("blå\tregel") == #""bl??regel""#)
        // The printable range's edges pass as they are; DEL, just past it, does not.
        #expect(RateLimitFields.quotedString(" bench-dialogporten~") == #"" bench-dialogporten~""#)
        #expect(RateLimitFields.quotedString("a\u{7F}b\u{1F}") == #""a?b?""#)
    }

    @Test(
        arguments: [
            (500_000_000, 1), (1_000_000_000, 1), (1_000_000_001, 2), (1, 1), (0, 1), (59_999_999_999, 60),
        ] as [(Int64, Int64)])
    func retryAfterRoundsUpToAWholeSecondOfAtLeastOne(nanoseconds: Int64, seconds: Int64) {
        #expect(RateLimitFields.retryAfterSeconds(nanoseconds: nanoseconds) == seconds)
    }
}
