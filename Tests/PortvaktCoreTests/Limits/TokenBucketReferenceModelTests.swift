import PortvaktCore
import Testing

/// Every decision of `TokenBucket` against a plain token bucket holding an exact rational number of tokens.
@Suite struct TokenBucketReferenceModelTests {
    /// Tokens as `units / period`; refills by `count` units per nanosecond, holds at most `burst · period`.
    struct ReferenceBucket {
        let policy: TokenBucketPolicy
        var units: Int64
        var last: Int64

        init(policy: TokenBucketPolicy, now: Int64) {
            self.policy = policy
            self.units = Int64(policy.burst) * policy.periodNanoseconds
            self.last = now
        }

        var capacity: Int64 { Int64(policy.burst) * policy.periodNanoseconds }

        mutating func refill(now: Int64) {
            let elapsed = now - last
            last = now
            let missing = capacity - units
            units = elapsed >= missing / policy.count + 1 ? capacity : min(capacity, units + elapsed * policy.count)
        }

        static func ceilingDivision(_ a: Int64, _ b: Int64) -> Int64 { a <= 0 ? 0 : (a + b - 1) / b }

        mutating func decide(now: Int64) -> TokenBucketDecision {
            refill(now: now)
            let allowed = units >= policy.periodNanoseconds
            if allowed { units -= policy.periodNanoseconds }
            return TokenBucketDecision(
                isAllowed: allowed, remaining: Int(units / policy.periodNanoseconds),
                retryAfterNanoseconds: allowed
                    ? 0 : Self.ceilingDivision(policy.periodNanoseconds - units, policy.count),
                resetNanoseconds: Self.ceilingDivision(capacity - units, policy.count))
        }

        mutating func remaining(now: Int64) -> Int {
            refill(now: now)
            return Int(units / policy.periodNanoseconds)
        }
    }

    static let second: Int64 = 1_000_000_000

    @Test(
        arguments: [
            (120, 120, 60 * second), (5, 2, second), (3, 10, 60 * second), (4, 7, second), (1, 1, second),
            (10, 1_000_000_000, second), (2, 3, 1), (50, 7, 1000), (1, 7, second), (9, 13, 5 * second),
        ] as [(Int, Int64, Int64)])
    func agreesWithAnExactRationalTokenBucket(burst: Int, count: Int64, period: Int64) {
        let policy = TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: period)!
        var generator = SeededGenerator(state: UInt64(burst) &* 31 &+ UInt64(count) &* 7 &+ UInt64(period))
        let interval = max(1, period / count)
        var now: Int64 = 1_764_100_000_000_000_000
        var bucket = TokenBucket()
        var reference = ReferenceBucket(policy: policy, now: now)
        var disagreements: [String] = []
        for step in 0..<5000 {
            // Mostly bursts and gaps around the interval, now and then a long pause that fills the bucket.
            let gap: Int64 =
                switch Int.random(in: 0..<10, using: &generator) {
                case 0...2: 0
                case 3...7: Int64.random(in: 0...(2 * interval), using: &generator)
                case 8: Int64.random(in: 0...3, using: &generator)
                default: Int64.random(in: 0...(Int64(burst) * interval * 2), using: &generator)
                }
            now += gap
            if Bool.random(using: &generator) {
                let peeked = bucket.peek(now: now, policy: policy).remaining
                let expected = reference.remaining(now: now)
                if peeked != expected { disagreements.append("step \(step) peek: \(peeked) ≠ \(expected)") }
                let full = bucket.isFull(now: now)
                if full != (reference.units == reference.capacity) {
                    disagreements.append("step \(step) isFull: \(full)")
                }
            }
            let decision = bucket.decide(now: now, policy: policy)
            let expected = reference.decide(now: now)
            if decision != expected { disagreements.append("step \(step): \(decision) ≠ \(expected)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
