import PortvaktCore

/// What the limits tests share: time units, a realistic clock origin, policies, token arithmetic, a seeded generator.
enum LimitsFixture {
    static let second: Int64 = 1_000_000_000
    /// A Unix-time instant, so absolute times of realistic size go through the arithmetic.
    static let start: Int64 = 1_764_100_000_123_456_789

    static func policy(burst: Int, count: Int64, period: Int64) -> TokenBucketPolicy {
        TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: period)!
    }

    /// The instant the k-th token after a drained bucket is back: ceil(k · period / count).
    static func tokenTime(_ k: Int64, _ policy: TokenBucketPolicy) -> Int64 {
        (k * policy.periodNanoseconds + policy.count - 1) / policy.count
    }
}

/// SplitMix64: a small seeded generator, so a failure replays.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
