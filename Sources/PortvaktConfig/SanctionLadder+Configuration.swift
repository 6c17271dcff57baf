import PortvaktCore

extension SanctionLadder {
    /// The ladder the `sanctions` section describes.
    public init(configuration sanctions: PortvaktConfiguration.Sanctions) {
        self.init(
            steps: sanctions.ladder.map { step in
                Step(
                    level: SanctionLevel(step.level), after: step.after, factor: step.factor,
                    durationNanoseconds: step.duration?.nanoseconds)
            },
            windowNanoseconds: sanctions.window.nanoseconds, recountNanoseconds: sanctions.recount.nanoseconds,
            forgiveAfterNanoseconds: sanctions.forgiveAfter.nanoseconds)
    }
}

extension SanctionLevel {
    init(_ level: PortvaktConfiguration.Sanctions.Level) {
        self =
            switch level {
            case .notice: .notice
            case .throttle: .throttle
            case .cutoff: .cutoff
            }
    }
}
