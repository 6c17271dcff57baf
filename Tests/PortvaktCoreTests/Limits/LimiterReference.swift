import PortvaktCore
import Testing

/// The rules of the limiter over a dictionary that never forgets a key: what eviction must never change.
struct LimiterReference {
    var buckets: [LimiterKey: TokenBucket] = [:]

    mutating func decide(_ checks: [LimiterCheck], now: Int64) -> LimiterOutcome {
        let peeked = checks.map { peek($0, now: now) }
        var refusing = LimiterCheckPositions()
        for position in peeked.indices where !peeked[position].isAllowed { refusing.insert(position) }
        let decisions =
            refusing.isEmpty
            ? checks.map { buckets[$0.key, default: TokenBucket()].decide(now: now, policy: $0.policy) } : peeked
        let chosen = decisions.indices.reduce(nil as Int?) { held, position in
            guard let held else { return position }
            let (candidate, current) = (decisions[position], decisions[held])
            return (candidate.remaining, candidate.resetNanoseconds) < (current.remaining, current.resetNanoseconds)
                ? position : held
        }
        return LimiterOutcome(
            isAllowed: refusing.isEmpty, refusing: refusing,
            retryAfterNanoseconds: peeked.map(\.retryAfterNanoseconds).max() ?? 0,
            mostRestrictive: chosen, mostRestrictiveDecision: chosen.map { decisions[$0] })
    }

    func peek(_ check: LimiterCheck, now: Int64) -> TokenBucketDecision {
        (buckets[check.key] ?? TokenBucket()).peek(now: now, policy: check.policy)
    }

    func nonFull(now: Int64) -> Int {
        buckets.values.filter { !$0.isFull(now: now) }.count
    }
}

/// A random run of requests, each matching some of three rules keyed on different things (a supplier, a
/// customer, a pair of them), answered by a limiter under test and by the reference side by side.
///
/// The seed fixes the requests; where the keys sit in the table (and so the sweep's path) follows the process's
/// hash seed, so each run also tries another layout. To replay a failure exactly, run with
/// `SWIFT_DETERMINISTIC_HASHING=1`.
struct LimiterScenario {
    static let policies = [
        LimitsFixture.policy(burst: 2, count: 1, period: LimitsFixture.second),
        LimitsFixture.policy(burst: 5, count: 5, period: 10 * LimitsFixture.second),
        LimitsFixture.policy(burst: 3, count: 7, period: 3 * LimitsFixture.second),
    ]

    var random: SeededGenerator
    let subjects: Int
    let meanStepMilliseconds: Int64
    var reference = LimiterReference()
    var now = LimitsFixture.start
    var allowed = 0
    var refused = 0
    /// The most buckets the reference held that were not full after a step.
    var peakNeeded = 0

    init(seed: UInt64, subjects: Int, meanStepMilliseconds: Int64) {
        random = SeededGenerator(state: seed)
        self.subjects = subjects
        self.meanStepMilliseconds = meanStepMilliseconds
    }

    /// Runs `steps` requests through `decide`, expecting the reference's outcome and, after each, the
    /// reference's bucket for every key checked (seen through `peek`).
    mutating func run(
        steps: Int, decide: ([LimiterCheck], Int64) -> LimiterOutcome,
        peek: (LimiterCheck, Int64) -> TokenBucketDecision, afterEach: () -> Void = {}
    ) {
        for step in 0..<steps {
            now += Int64.random(in: 0...(2 * meanStepMilliseconds * 1_000_000), using: &random)
            let subject = Int.random(in: 0..<subjects, using: &random)
            var checks: [LimiterCheck] = []
            for (rule, policy) in Self.policies.enumerated() where Int.random(in: 0..<10, using: &random) < 7 {
                let key = rule == 1 ? "customer-\(subject % 7)" : "subject-\(subject)"
                checks.append(LimiterCheck(rule: Int32(rule), subject: key, policy: policy))
            }
            let outcome = decide(checks, now)
            let expected = reference.decide(checks, now: now)
            #expect(outcome == expected, "step \(step)")
            for check in checks { #expect(peek(check, now) == reference.peek(check, now: now), "step \(step)") }
            if outcome.isAllowed { allowed += 1 } else { refused += 1 }
            afterEach()
            peakNeeded = max(peakNeeded, reference.nonFull(now: now))
        }
    }
}
