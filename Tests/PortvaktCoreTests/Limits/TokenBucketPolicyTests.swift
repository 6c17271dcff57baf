import PortvaktCore
import Testing

@Suite struct TokenBucketPolicyTests {
    static let second: Int64 = 1_000_000_000
    static let week: Int64 = 7 * 24 * 3600 * second

    @Test(
        arguments: [
            (0, 1, second), (1, 0, second), (1, 1, 0), (-1, 1, second), (1, -1, second), (1, 1, -1),
            (1, 1, week + 1), (1, 1_000_000_001, second), (1_000_000_001, 1_000_000_000, second),
        ] as [(Int, Int64, Int64)])
    func refusesValuesOutsideTheSafeRange(burst: Int, count: Int64, period: Int64) {
        #expect(TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: period) == nil)
    }

    @Test(
        arguments: [
            (1, 1, 1), (1, 1, week), (1_000_000_000, 1_000_000_000, second), (1_000_000_000, 1_000_000_000, week),
            (120, 120, 60 * second), (3812, 1, week),
        ] as [(Int, Int64, Int64)])
    func acceptsTheEdgesOfTheSafeRange(burst: Int, count: Int64, period: Int64) {
        let policy = TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: period)
        #expect(policy?.burst == burst)
        #expect(policy?.count == count)
        #expect(policy?.periodNanoseconds == period)
    }

    @Test func refusesAFullRefillLongerThanTheMaximum() {
        // 3813 weeks is past 2^61 ns; 3812 weeks is within it.
        #expect(TokenBucketPolicy(burst: 3813, count: 1, periodNanoseconds: Self.week) == nil)
        #expect(TokenBucketPolicy(burst: 1_000_000_000, count: 1, periodNanoseconds: Self.week) == nil)
    }
}
