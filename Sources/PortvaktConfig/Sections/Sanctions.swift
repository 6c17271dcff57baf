import PortvaktCore

extension PortvaktConfiguration {
    /// The escalation ladder per supplier (terms §1.2.4).
    public struct Sanctions: Sendable, Equatable {
        public var enabled: Bool
        /// Steps in strictly rising order of level and of `after`.
        public var ladder: [Step]
        /// Violations count toward a step within this window.
        public var window: Duration
        /// A violation still going on is recorded again after this.
        public var recount: Duration
        /// A supplier with no new violation steps down one level after this.
        public var forgiveAfter: Duration

        /// Comparable in escalation order.
        public enum Level: String, Sendable, Equatable, CaseIterable, Comparable {
            case notice, throttle, cutoff

            public static func < (a: Level, b: Level) -> Bool {
                allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
            }
        }

        /// A supplier reaches `level` after `after` violations within `window`.
        public struct Step: Sendable, Equatable {
            public var level: Level
            public var after: Int
            /// `throttle` only: its limits shrink to factor × rate and burst.
            public var factor: Double?
            /// `cutoff` only (`for:` in YAML): how long the cut-off lasts.
            public var duration: Duration?

            public init(level: Level, after: Int, factor: Double? = nil, duration: Duration? = nil) {
                self.level = level
                self.after = after
                self.factor = factor
                self.duration = duration
            }
        }

        public init(enabled: Bool, ladder: [Step], window: Duration, recount: Duration, forgiveAfter: Duration) {
            self.enabled = enabled
            self.ladder = ladder
            self.window = window
            self.recount = recount
            self.forgiveAfter = forgiveAfter
        }

        public static let defaultFactor = SanctionLadder.defaultThrottleFactor
        public static let defaultCutoff = Duration.seconds(24 * 3_600)

        public static let `default` = Sanctions(
            enabled: true,
            ladder: [
                Step(level: .notice, after: 1),
                Step(level: .throttle, after: 3, factor: defaultFactor),
                Step(level: .cutoff, after: 6, duration: defaultCutoff),
            ],
            window: .seconds(24 * 3_600), recount: .seconds(3_600), forgiveAfter: .seconds(7 * 86_400))
    }
}

extension PortvaktConfiguration.Sanctions {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            enabled: section.scalar("enabled", .boolean) ?? d.enabled,
            ladder: Self.readLadder(from: section) ?? d.ladder,
            window: section.scalar("window", .duration) ?? d.window,
            recount: section.scalar("recount", .duration) ?? d.recount,
            forgiveAfter: section.scalar("forgive_after", .duration) ?? d.forgiveAfter)
    }

    /// The ladder, with each step checked against the one before it.
    static func readLadder(from section: SectionReader) -> [Step]? {
        var previous: Step?
        return section.list("ladder") { item in
            guard let step = Step(reading: item) else { return nil }
            if let previous, step.level <= previous.level {
                item.report(
                    "ladder level '\(step.level.rawValue)' after '\(previous.level.rawValue)': levels go "
                        + Level.allCases.map(\.rawValue).joined(separator: ", ") + ", each at most once",
                    at: "level")
            } else if let previous, step.after <= previous.after {
                item.report(
                    "'after' must grow along the ladder: \(step.level.rawValue) at \(step.after) does not come after "
                        + "\(previous.level.rawValue) at \(previous.after)", at: "after")
            }
            previous = step
            return step
        }
    }
}

extension PortvaktConfiguration.Sanctions.Step {
    init?(reading section: SectionReader) {
        let level = section.required("level", .oneOf(PortvaktConfiguration.Sanctions.Level.self, noun: "level"))
        let after = section.required("after", .integer(atLeast: 1))
        let factor = section.scalar("factor", .fraction(0...1, aboveLowerBound: true))
        let duration = section.scalar("for", .duration)
        guard let level, let after else { return nil }
        if factor != nil, level != .throttle {
            section.report("'factor' applies only to the throttle level", at: "factor")
        }
        if duration != nil, level != .cutoff {
            section.report("'for' applies only to the cutoff level", at: "for")
        }
        typealias Sanctions = PortvaktConfiguration.Sanctions
        self.init(
            level: level, after: after,
            factor: level == .throttle ? factor ?? Sanctions.defaultFactor : nil,
            duration: level == .cutoff ? duration ?? Sanctions.defaultCutoff : nil)
    }
}
