/// The shape of one rate-limit rule: a bucket of `burst` tokens refilled at `count` tokens per `period`.
///
/// The emission interval T = period / count is kept exact as whole nanoseconds plus a remainder in units
/// of 1/count ns, so the k-th token after a drained bucket arrives at exactly ceil(k · period / count) ns.
public struct TokenBucketPolicy: Sendable, Hashable {
    /// The most tokens the bucket holds; a fresh bucket holds this many.
    public let burst: Int
    /// Tokens added per `periodNanoseconds`.
    public let count: Int64
    /// The refill period in nanoseconds.
    public let periodNanoseconds: Int64

    /// The time one token takes to refill (T).
    let emissionInterval: FractionalNanoseconds
    /// How far the theoretical arrival time may run ahead of now and still allow a request: (burst − 1) · T.
    let tolerance: FractionalNanoseconds

    /// The largest `count`: with it below 2^30, every remainder sum stays far inside Int64.
    public static let maximumCount: Int64 = 1_000_000_000
    /// The longest `periodNanoseconds`: seven days.
    public static let maximumPeriodNanoseconds: Int64 = 7 * 24 * 3600 * 1_000_000_000
    /// The largest `burst`; keeps burst · (period mod count) below 10^18.
    public static let maximumBurst = 1_000_000_000
    /// The longest time a drained bucket may take to refill (burst · T), about 73 years.
    ///
    /// With `now` within ±2^62 ns (see `TokenBucket`), now + burst · T stays inside Int64.
    public static let maximumRefillNanoseconds: Int64 = 1 << 61

    /// A policy, or nil when a value lies outside the safe range: `1...maximumBurst` tokens of burst,
    /// `1...maximumCount` tokens per `1...maximumPeriodNanoseconds`, and a full refill within
    /// `maximumRefillNanoseconds`.
    public init?(burst: Int, count: Int64, periodNanoseconds: Int64) {
        guard (1...Self.maximumBurst).contains(burst), (1...Self.maximumCount).contains(count),
            (1...Self.maximumPeriodNanoseconds).contains(periodNanoseconds),
            let refill = Self.multiple(Int64(burst), ofPeriod: periodNanoseconds, count: count),
            refill.roundedUp <= Self.maximumRefillNanoseconds,
            let tolerance = Self.multiple(Int64(burst - 1), ofPeriod: periodNanoseconds, count: count)
        else { return nil }
        self.burst = burst
        self.count = count
        self.periodNanoseconds = periodNanoseconds
        self.emissionInterval = FractionalNanoseconds(units: periodNanoseconds, count: count)
        self.tolerance = tolerance
    }

    /// n · period / count as exact fractional nanoseconds, or nil on overflow.
    ///
    /// Splits period = q · count + r so that n · r (below 10^9 · 10^9) never overflows, even where n · period would.
    private static func multiple(_ n: Int64, ofPeriod period: Int64, count: Int64) -> FractionalNanoseconds? {
        let (whole, overflow) = n.multipliedReportingOverflow(by: period / count)
        guard !overflow else { return nil }
        let part = FractionalNanoseconds(units: n * (period % count), count: count)
        let (nanoseconds, carryOverflow) = whole.addingReportingOverflow(part.nanoseconds)
        guard !carryOverflow else { return nil }
        return FractionalNanoseconds(nanoseconds: nanoseconds, fraction: part.fraction)
    }
}

extension TokenBucketPolicy {
    /// The same period with `factor` of the burst and of the count, rounded down but at least one token each:
    /// a throttled supplier's shrunk limit.
    public func scaled(by factor: Double) -> TokenBucketPolicy {
        let burst = max(1, Int((Double(burst) * factor).rounded(.down)))
        let count = max(1, Int64((Double(count) * factor).rounded(.down)))
        // Rounding can at most double the refill time; a policy already near the longest refill keeps its shape.
        return TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: periodNanoseconds) ?? self
    }
}
