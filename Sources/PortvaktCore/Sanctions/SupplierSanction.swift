/// One supplier's place on the sanction ladder: the violations that count, the level they reached, and a
/// manual sanction that overrides it. Pure and a value: the time is passed in, and every change in level
/// (a cut-off ending, a step down for good behaviour) is worked out when the state is next asked, at that
/// time, so a replay on log timestamps and the live proxy see the same ladder.
public struct SupplierSanction: Sendable, Hashable {
    /// A sanction an operator set (terms §1.2.8), in force from the next request until `until` or lifted.
    public struct Manual: Sendable, Hashable, Codable {
        public var level: SanctionLevel
        public var since: Int64
        public var until: Int64?
        public var reason: String

        public init(level: SanctionLevel, since: Int64, until: Int64?, reason: String) {
            self.level = level
            self.since = since
            self.until = until
            self.reason = reason
        }
    }

    /// Where the supplier stands at one instant.
    public struct Standing: Sendable, Hashable, Codable {
        public var level: SanctionLevel
        /// When this level began.
        public var since: Int64
        /// When it ends by itself (a time-boxed cut-off or manual sanction); nil when only good behaviour
        /// (or an operator) ends it.
        public var until: Int64?
        /// Whether an operator set it.
        public var isManual: Bool

        public init(level: SanctionLevel, since: Int64, until: Int64?, isManual: Bool) {
            self.level = level
            self.since = since
            self.until = until
            self.isManual = isManual
        }
    }

    /// The recorded violations' times within the window, oldest first; at most as many as the ladder's
    /// highest step needs.
    public private(set) var violations: [Int64] = []
    /// When each ongoing violation (by the caller's key: rule, product, route …) was last recorded.
    private var lastRecorded: [String: Int64] = [:]
    /// The level the violations reached, with when it began and, for a cut-off, when it ends.
    private var automatic: Standing?
    private var lastViolation: Int64?
    public var manual: Manual?

    public init() {}

    /// Everything a supplier's place on the ladder depends on, to be stored and restored exactly: a supplier
    /// cut off before a restart is cut off after it, and counts the same violations towards the next step.
    public struct Snapshot: Sendable, Hashable, Codable {
        public var automatic: Standing?
        public var violations: [Int64]
        public var lastRecorded: [String: Int64]
        public var lastViolation: Int64?
        public var manual: Manual?

        public init(
            automatic: Standing?, violations: [Int64], lastRecorded: [String: Int64], lastViolation: Int64?,
            manual: Manual?
        ) {
            self.automatic = automatic
            self.violations = violations
            self.lastRecorded = lastRecorded
            self.lastViolation = lastViolation
            self.manual = manual
        }

        /// The standing in force as recorded: the manual sanction, else the automatic level (what time has
        /// done since is worked out by `standing(at:ladder:)`).
        public var recordedStanding: Standing? {
            manual.map { Standing(level: $0.level, since: $0.since, until: $0.until, isManual: true) } ?? automatic
        }
    }

    public var snapshot: Snapshot {
        Snapshot(
            automatic: automatic, violations: violations, lastRecorded: lastRecorded, lastViolation: lastViolation,
            manual: manual)
    }

    public init(restoring snapshot: Snapshot) {
        automatic = snapshot.automatic
        violations = snapshot.violations
        lastRecorded = snapshot.lastRecorded
        lastViolation = snapshot.lastViolation
        manual = snapshot.manual
    }

    /// Records a violation seen at `now` under `key` (the same key for the same violation going on), and
    /// climbs the ladder if it now reaches a higher step. A violation already recorded under `key` less than
    /// `recount` ago is not recorded again. Returns whether it was recorded.
    @discardableResult
    public mutating func record(violation key: String, at now: Int64, ladder: SanctionLadder) -> Bool {
        settle(at: now, ladder: ladder)
        if let last = lastRecorded[key], now - last < ladder.recountNanoseconds { return false }
        lastRecorded[key] = now
        lastRecorded = lastRecorded.filter { now - $0.value < ladder.windowNanoseconds }
        violations.removeAll { now - $0 >= ladder.windowNanoseconds }
        violations.append(now)
        if violations.count > ladder.violationsRemembered { violations.removeFirst() }
        lastViolation = now
        if let step = ladder.step(forViolations: violations.count), automatic.map({ step.level > $0.level }) ?? true {
            automatic = Standing(
                level: step.level, since: now, until: step.durationNanoseconds.map { now + $0 }, isManual: false)
        }
        return true
    }

    /// Where the supplier stands at `now`; nil when it stands on no step. A manual sanction in force wins
    /// over the automatic level.
    public mutating func standing(at now: Int64, ladder: SanctionLadder) -> Standing? {
        settle(at: now, ladder: ladder)
        if let manual {
            return Standing(level: manual.level, since: manual.since, until: manual.until, isManual: true)
        }
        return automatic
    }

    /// Works out, in order, what time has done by `now`: a manual sanction that ran out, a cut-off that
    /// ended (one step down, at its end), and each `forgive_after` without a new violation (one step down).
    private mutating func settle(at now: Int64, ladder: SanctionLadder) {
        if let until = manual?.until, now >= until { manual = nil }
        while let current = automatic {
            if let until = current.until {
                // A time-boxed level runs its course; good behaviour counts from its end.
                guard now >= until else { return }
                stepDown(from: current.level, at: until, ladder: ladder)
                continue
            }
            let clean = max(current.since, lastViolation ?? current.since)
            guard now - clean >= ladder.forgiveAfterNanoseconds else { return }
            stepDown(from: current.level, at: clean + ladder.forgiveAfterNanoseconds, ladder: ladder)
        }
    }

    /// One step down at `time`; below the lowest step the supplier stands on none, and its old violations
    /// no longer count.
    private mutating func stepDown(from level: SanctionLevel, at time: Int64, ladder: SanctionLadder) {
        guard let lower = ladder.step(below: level) else {
            automatic = nil
            violations.removeAll()
            return
        }
        automatic = Standing(level: lower.level, since: time, until: nil, isManual: false)
    }
}
