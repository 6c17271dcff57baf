/// One key's bucket under a `TokenBucketPolicy`, kept as GCRA: a theoretical arrival time (TAT).
///
/// Token-bucket view: the bucket holds burst − (TAT − now) / T tokens, never more than burst; a request is
/// allowed when at least one token is there and then moves the TAT on by T; a refused request changes nothing.
///
/// `now` is any monotonic nanosecond clock reading within ±2^62 ns of its origin (Unix time qualifies until
/// the year 2116). The state is only meaningful under the policy it was built with: a changed `count`
/// changes what `fraction` means.
public struct TokenBucket: Sendable, Hashable {
    /// The instant the bucket is full again; `Int64.min` for a fresh bucket, which is full at every instant.
    /// A sentinel rather than an optional keeps the state at 16 bytes.
    private(set) var theoreticalArrival = FractionalNanoseconds(nanoseconds: .min)

    public init() {}

    /// A bucket whose TAT is `theoreticalArrival`, as a table stored it.
    init(theoreticalArrival: FractionalNanoseconds) {
        self.theoreticalArrival = theoreticalArrival
    }

    /// Takes a token if one is available at `now`, and says what the bucket holds afterwards.
    public mutating func decide(now: Int64, policy: TokenBucketPolicy) -> TokenBucketDecision {
        let start = arrival(now: now)
        let earliestAllowed = start.subtracting(policy.tolerance, count: policy.count)
        guard earliestAllowed <= FractionalNanoseconds(nanoseconds: now) else {
            return TokenBucketDecision(
                isAllowed: false, remaining: 0,
                retryAfterNanoseconds: earliestAllowed.roundedUp - now,
                resetNanoseconds: start.roundedUp - now)
        }
        let next = start.adding(policy.emissionInterval, count: policy.count)
        theoreticalArrival = next
        return TokenBucketDecision(
            isAllowed: true, remaining: Self.tokens(arrival: next, now: now, policy: policy),
            retryAfterNanoseconds: 0, resetNanoseconds: next.roundedUp - now)
    }

    /// Whether a request at `now` would get a token: `peek(now:policy:).isAllowed`, without counting the
    /// tokens (a full-width division), so a limiter can check every rule of a request cheaply first.
    func allows(now: Int64, policy: TokenBucketPolicy) -> Bool {
        arrival(now: now).subtracting(policy.tolerance, count: policy.count) <= FractionalNanoseconds(nanoseconds: now)
    }

    /// What the bucket holds at `now` without taking a token: `remaining` is the whole tokens there now,
    /// `isAllowed` whether a request now would get one, `retryAfterNanoseconds` the wait for one if not.
    public func peek(now: Int64, policy: TokenBucketPolicy) -> TokenBucketDecision {
        var copy = self
        let decision = copy.decide(now: now, policy: policy)
        guard decision.isAllowed else { return decision }
        let start = arrival(now: now)
        return TokenBucketDecision(
            isAllowed: true, remaining: Self.tokens(arrival: start, now: now, policy: policy),
            retryAfterNanoseconds: 0, resetNanoseconds: start.roundedUp - now)
    }

    /// Whether all `burst` tokens are back at `now`. A full bucket acts exactly like a fresh one, so its key
    /// can be forgotten without changing any later decision.
    ///
    /// Needs no policy: the bucket is full once its TAT has passed, whatever the policy, so a table of buckets
    /// need not keep a policy per key to find the ones it may forget.
    public func isFull(now: Int64) -> Bool {
        theoreticalArrival <= FractionalNanoseconds(nanoseconds: now)
    }

    /// The TAT as of `now`: a TAT in the past means a full bucket, the same as one at `now`.
    private func arrival(now: Int64) -> FractionalNanoseconds {
        let present = FractionalNanoseconds(nanoseconds: now)
        return max(theoreticalArrival, present)
    }

    /// Whole tokens in the bucket: burst − ceil((arrival − now) · count / period).
    ///
    /// The product (arrival − now) · count can pass 2^63 (a 73-year refill times 10^9), so it is taken
    /// at full width; the quotient is at most burst.
    private static func tokens(arrival: FractionalNanoseconds, now: Int64, policy: TokenBucketPolicy) -> Int {
        let ahead = arrival.subtracting(FractionalNanoseconds(nanoseconds: now), count: policy.count)
        var (high, low) = ahead.nanoseconds.multipliedFullWidth(by: policy.count)
        let (sum, carry) = low.addingReportingOverflow(UInt64(ahead.fraction))
        low = sum
        if carry { high += 1 }
        let (quotient, remainder) = policy.periodNanoseconds.dividingFullWidth((high: high, low: low))
        let used = remainder > 0 ? quotient + 1 : quotient
        return max(0, policy.burst - Int(used))
    }
}
