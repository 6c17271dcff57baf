/// One slot of a `LimiterTable`: a key and its bucket in 32 bytes, so that an entry never straddles two cache
/// lines of a 32-byte-aligned table and a decision on a cold key costs one cache miss.
///
/// `LimiterKey` and `TokenBucket` would take 40 bytes side by side (the rule's padding, and a 64-bit TAT
/// fraction that never exceeds the policy's count, at most 10^9 < 2^32); laid out here field by field they fit.
struct LimiterEntry: Sendable {
    private var subject: LimiterSubject
    private var arrivalNanoseconds: Int64
    private var rule: Int32
    private var arrivalFraction: UInt32

    init(key: LimiterKey, bucket: TokenBucket) {
        subject = key.subject
        rule = key.rule
        arrivalNanoseconds = bucket.theoreticalArrival.nanoseconds
        arrivalFraction = UInt32(bucket.theoreticalArrival.fraction)
    }

    /// A slot without a key; rules are positions in the configuration, never negative.
    static let vacant = LimiterEntry(
        key: LimiterKey(rule: -1, subject: LimiterSubject(first: 0, second: 0)), bucket: TokenBucket())

    var isVacant: Bool { rule < 0 }

    var key: LimiterKey { LimiterKey(rule: rule, subject: subject) }

    /// Whether this slot holds `key`: compared field by field, without building a key.
    func holds(_ key: LimiterKey) -> Bool {
        rule == key.rule && subject == key.subject
    }

    var bucket: TokenBucket {
        get {
            TokenBucket(
                theoreticalArrival: FractionalNanoseconds(
                    nanoseconds: arrivalNanoseconds, fraction: Int64(arrivalFraction)))
        }
        set {
            arrivalNanoseconds = newValue.theoreticalArrival.nanoseconds
            arrivalFraction = UInt32(newValue.theoreticalArrival.fraction)
        }
    }
}
