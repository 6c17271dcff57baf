/// The escalation rules of CONTRACT.md §2 `sanctions`, in the core's units (nanoseconds).
public struct SanctionLadder: Sendable, Hashable {
    /// One step: a supplier reaches `level` after `after` violations within `window`.
    public struct Step: Sendable, Hashable {
        public var level: SanctionLevel
        public var after: Int
        /// `throttle`: the share of each limit's rate and burst the supplier keeps.
        public var factor: Double?
        /// `cutoff`: how long a cut-off lasts; nil until lifted by hand.
        public var durationNanoseconds: Int64?

        public init(level: SanctionLevel, after: Int, factor: Double? = nil, durationNanoseconds: Int64? = nil) {
            self.level = level
            self.after = after
            self.factor = factor
            self.durationNanoseconds = durationNanoseconds
        }
    }

    /// In rising order of level and of `after` (the configuration checks this).
    public var steps: [Step]
    /// Violations count toward a step within this window.
    public var windowNanoseconds: Int64
    /// A violation still going on is recorded again after this.
    public var recountNanoseconds: Int64
    /// A supplier with no new violation steps down one level after this.
    public var forgiveAfterNanoseconds: Int64

    public init(steps: [Step], windowNanoseconds: Int64, recountNanoseconds: Int64, forgiveAfterNanoseconds: Int64) {
        self.steps = steps
        self.windowNanoseconds = windowNanoseconds
        self.recountNanoseconds = recountNanoseconds
        self.forgiveAfterNanoseconds = forgiveAfterNanoseconds
    }

    /// The share of each limit a throttled supplier keeps when the ladder's `throttle` step names none.
    public static let defaultThrottleFactor = 0.25

    /// The share of each limit a throttled supplier keeps: the `throttle` step's factor, else the default.
    public var throttleFactor: Double { step(for: .throttle)?.factor ?? Self.defaultThrottleFactor }

    /// The step `count` violations within the window reach: the highest whose `after` they meet.
    func step(forViolations count: Int) -> Step? {
        steps.last { $0.after <= count }
    }

    /// The step for `level`, when the ladder has one.
    public func step(for level: SanctionLevel) -> Step? {
        steps.first { $0.level == level }
    }

    /// The step below `level` on this ladder; nil below the lowest.
    func step(below level: SanctionLevel) -> Step? {
        steps.last { $0.level < level }
    }

    /// The most violations any step needs: older ones than the last this many never change a level.
    var violationsRemembered: Int { steps.map(\.after).max() ?? 0 }
}
