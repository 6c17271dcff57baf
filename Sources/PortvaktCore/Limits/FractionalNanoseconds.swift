/// A time or duration of `nanoseconds + fraction / count` nanoseconds, where `count` is the policy's token count.
///
/// Why not one Int64 in units of 1/count ns: `now` is an absolute clock reading (Unix nanoseconds are ~2^61),
/// and multiplying it by a count of up to 10^9 overflows. Keeping the whole nanoseconds apart from the
/// remainder keeps every emission interval exact (no drift) while absolute times stay plain nanoseconds.
struct FractionalNanoseconds: Sendable, Hashable, Comparable {
    /// Whole nanoseconds, rounded down.
    var nanoseconds: Int64
    /// The part below one nanosecond, in units of 1/count ns; always in `0..<count`.
    var fraction: Int64

    init(nanoseconds: Int64, fraction: Int64 = 0) {
        self.nanoseconds = nanoseconds
        self.fraction = fraction
    }

    /// `units / count` nanoseconds, for `units ≥ 0`.
    init(units: Int64, count: Int64) {
        self.init(nanoseconds: units / count, fraction: units % count)
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.nanoseconds, lhs.fraction) < (rhs.nanoseconds, rhs.fraction)
    }

    func adding(_ other: Self, count: Int64) -> Self {
        let fraction = fraction + other.fraction
        return fraction >= count
            ? Self(nanoseconds: nanoseconds + other.nanoseconds + 1, fraction: fraction - count)
            : Self(nanoseconds: nanoseconds + other.nanoseconds, fraction: fraction)
    }

    func subtracting(_ other: Self, count: Int64) -> Self {
        let fraction = fraction - other.fraction
        return fraction < 0
            ? Self(nanoseconds: nanoseconds - other.nanoseconds - 1, fraction: fraction + count)
            : Self(nanoseconds: nanoseconds - other.nanoseconds, fraction: fraction)
    }

    /// The whole nanoseconds, rounded up.
    var roundedUp: Int64 { fraction > 0 ? nanoseconds + 1 : nanoseconds }
}
