import PortvaktCore

/// Tokens this instance has taken from shared buckets ahead of need (leases), so that a busy supplier's
/// requests are decided here, without waiting for Redis, while Redis stays the only place tokens come from.
///
/// The bound. An instance holds at most `size(of:instances:)` = min(64, ⌊burst / (8 × instances)⌋) tokens of a
/// bucket, and Redis lends them only while the bucket keeps half its burst (`SharedLeaseScript`). So at any
/// moment the instances together hold at most `instances × size` ≤ burst / 8 tokens taken but not spent: a
/// window may admit up to that many more than one exact bucket would (tokens taken before it and spent in it),
/// and a request may be refused up to that many tokens early (tokens another instance holds). A bucket whose
/// burst is under 8 × `instances` is never leased, and neither are the other buckets of a request that draws on
/// one: such requests are decided in Redis one by one, exactly.
///
/// Leases follow demand: a bucket is topped up to half of what this instance drew from it in the last second
/// (at most `size`), when half of that is spent, and what a lease holds expires a second after it was lent
/// (Redis refills it at the bucket's rate). So a quiet supplier's requests go to Redis one by one, and a busy
/// one's are mostly decided from its lease. Time is the caller's monotonic clock in nanoseconds.
struct BucketLeases {
    typealias Bucket = SharedLimiterRequest.Bucket

    /// Tokens to ask Redis to lend for `bucket`.
    struct TopUp: Sendable, Equatable {
        var bucket: Bucket
        var tokens: Int
    }

    private struct Lease {
        var tokens = 0
        var expiresAt: Int64 = 0
        var isToppingUp = false
        /// Requests that drew on the bucket in the current demand window, and in the one before it.
        var uses = 0
        var previousUses = 0
        var windowStart: Int64
        /// The bucket as Redis reported it when it last lent: tokens left there, and how long until it is full.
        var remainingInRedis = 0
        var resetNanoseconds: Int64 = 0
        var lentAt: Int64 = 0

        init(now: Int64) { self.windowStart = now }

        func spendable(at now: Int64) -> Int { now < expiresAt ? tokens : 0 }

        /// Counts a request in the demand window (a new window after a lifetime) and says what the lease holds
        /// for it; when that is down to half of what demand wants (half the window's requests, at most `size`)
        /// and no top-up is out, marks one and says how many tokens to ask for.
        mutating func draw(size: Int, now: Int64) -> (held: Int, topUp: Int?) {
            if now - windowStart >= BucketLeases.lifetime {
                previousUses = now - windowStart < 2 * BucketLeases.lifetime ? uses : 0
                uses = 0
                windowStart = now
            }
            uses += 1
            let held = spendable(at: now)
            let wanted = min(size, max(uses, previousUses) / 2)
            guard !isToppingUp, wanted > 0, held <= wanted / 2 else { return (held, nil) }
            isToppingUp = true
            return (held, wanted - held)
        }

        /// Takes a leased token. The RateLimit numbers are an estimate: the bucket as Redis last reported it, plus
        /// what this lease still holds, its reset counted down since.
        mutating func spend(now: Int64) -> TokenBucketDecision {
            tokens -= 1
            return TokenBucketDecision(
                isAllowed: true, remaining: remainingInRedis + tokens, retryAfterNanoseconds: 0,
                resetNanoseconds: max(0, resetNanoseconds - (now - lentAt)))
        }
    }

    /// How long lent tokens may be spent, and the length of a demand window.
    static let lifetime: Int64 = 1_000_000_000
    /// The most tokens one instance holds of one bucket.
    static let largestLease = 64

    /// The number of instances expected to share the buckets.
    let instances: Int
    private var leases: [Bucket: Lease] = [:]
    private var nextSweep: Int64 = 0

    init(instances: Int) {
        self.instances = max(1, instances)
    }

    /// The most tokens of a bucket under `policy` that one instance may hold; 0: never leased.
    static func size(of policy: TokenBucketPolicy, instances: Int) -> Int {
        min(largestLease, policy.burst / (8 * max(1, instances)))
    }

    /// Buckets with a lease or a demand record; idle ones are dropped after two lifetimes.
    var count: Int { leases.count }

    /// Counts the request's demand on each of its buckets, decides it from leases when every bucket holds a
    /// token (taking one from each), and says which buckets to top up (each marked, so one top-up at a time).
    /// A nil answer: the request is for Redis.
    mutating func admit(_ request: SharedLimiterRequest, now: Int64) -> (
        answer: (enforced: LimiterOutcome?, shadowAllowed: [Bool])?, topUps: [TopUp]
    ) {
        if now >= nextSweep { sweep(now: now) }
        let buckets = request.enforced + request.shadow
        // A bucket too small to lend sends the request to Redis whatever the others hold: lending them tokens
        // for it would only strand them.
        guard buckets.allSatisfy({ Self.size(of: $0.policy, instances: instances) > 0 }) else { return (nil, []) }
        var coveredByLeases = true
        var topUps: [TopUp] = []
        for bucket in buckets {
            let size = Self.size(of: bucket.policy, instances: instances)
            let (held, topUp) = leases[bucket, default: Lease(now: now)].draw(size: size, now: now)
            coveredByLeases = coveredByLeases && held > 0
            if let topUp { topUps.append(TopUp(bucket: bucket, tokens: topUp)) }
        }
        guard coveredByLeases else { return (nil, topUps) }
        let decisions = buckets.map { leases[$0]!.spend(now: now) }
        let enforced = decisions.prefix(request.enforced.count)
        let outcome =
            enforced.isEmpty
            ? nil
            : LimiterOutcome(
                deciding: enforced.count, allows: { _ in true }, peek: { enforced[$0] }, take: { enforced[$0] })
        return ((outcome, Array(repeating: true, count: request.shadow.count)), topUps)
    }

    /// Redis lent `tokens` (perhaps 0) for a top-up; `bucketState` is the bucket as it stands there after.
    mutating func lent(_ tokens: Int, for bucket: Bucket, bucketState: TokenBucketDecision, now: Int64) {
        guard var lease = leases[bucket] else { return }
        lease.isToppingUp = false
        lease.tokens = lease.spendable(at: now) + tokens
        if tokens > 0 { lease.expiresAt = now + Self.lifetime }
        lease.remainingInRedis = bucketState.remaining
        lease.resetNanoseconds = bucketState.resetNanoseconds
        lease.lentAt = now
        leases[bucket] = lease
    }

    /// A top-up got no answer (Redis unreachable): the next request may ask again.
    mutating func notLent(for bucket: Bucket) {
        leases[bucket]?.isToppingUp = false
    }

    /// Drops the records of buckets not drawn on for two lifetimes, holding nothing and awaiting nothing.
    private mutating func sweep(now: Int64) {
        nextSweep = now + Self.lifetime
        leases = leases.filter { _, lease in
            lease.isToppingUp || lease.spendable(at: now) > 0 || now - lease.windowStart < 2 * Self.lifetime
        }
    }
}
