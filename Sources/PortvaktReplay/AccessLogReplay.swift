import PortvaktAccessLog
import PortvaktCore
import PortvaktReport

/// Feeds logged requests, in log order, through the route catalogue, the configured limits, the polling
/// detector and the sanction ladder on the log's own timestamps, and tallies the throttle report: what the
/// live proxy did (the log's `decision`) beside what this config would do, each supplier's polling
/// violations, and the level the ladder would have put it on by the end of the log. As live, a supplier the
/// ladder throttles draws from its shrunk limits, and one it cuts off is neither limited nor watched (its
/// requests would not have reached Altinn).
///
/// The log has no client addresses. Each request stands in its supplier for its address, so a rule keyed
/// by `ip` counts per supplier, and all anonymous requests share one bucket (live, they share one per
/// address).
///
/// Lines are written when requests start, by several threads, so a line can be a few milliseconds older
/// than the one before it. The buckets take that as it comes: a request dated before a bucket's latest
/// one finds that bucket as the later requests left it, so it is judged slightly more strictly than live,
/// never more leniently, and nothing breaks.
public struct AccessLogReplay {
    /// The notes the text report carries, so a reader knows what a replay cannot see.
    public static let notes = [
        "The access log has no client addresses: rules keyed by ip count per supplier, and all anonymous "
            + "requests share one bucket.",
        "would_throttle counts every request an enforced rule would refuse or a shadow rule would have refused.",
    ]

    /// Enough buckets for a day of traffic; only full buckets are ever forgotten, so a smaller table
    /// changes the memory used, never a decision.
    static let limiterCapacity = 1 << 16

    private let limiter: RateLimiter
    /// nil when polling detection is disabled.
    private var detector: PollingDetector?
    /// nil when sanctions are disabled.
    private let ladder: SanctionLadder?
    /// Terms §2.2 and §7.1: reported with the violations, on the ladder where the config says so.
    private var termsRules: TermsRules
    private let catalogue = RouteCatalogue.standard
    /// Each supplier's slot in `tallies` and `sanctions`, in order of first appearance: a request finds its
    /// supplier with one lookup and updates its tally in place (a tally copied out of a dictionary and
    /// written back would copy its hours on every request). Looked up by the name's bytes (`TextTable`,
    /// no `Hasher` pass on every request); the dictionary holds the suppliers the table has no room for.
    private var slots = TextTable<Int>(capacity: 1 << 12)
    private var moreSlots: [String: Int] = [:]
    private var tallies: [ThrottleReport.Supplier] = []
    /// nil while the supplier has no violation on the ladder.
    private var sanctions: [SupplierSanction?] = []
    private var refusalsByRule: [String: Int] = [:]
    private var from: Int64?
    private var until: Int64?

    /// Series the detector follows at once; the idle ones leave first, keeping their evidence.
    static let pollingSeriesCapacity = 1 << 16

    /// A replay under `rules` and, unless nil, the polling `thresholds` and the sanction `ladder`, with the
    /// terms' other rules as `termsRules` sets them.
    public init(
        rules: RateLimitRuleSet, polling thresholds: PollingThresholds? = .default,
        sanctions ladder: SanctionLadder? = nil, termsRules: TermsRules.Settings = .default
    ) {
        self.termsRules = TermsRules(settings: termsRules)
        limiter = RateLimiter(
            rules: rules, capacity: Self.limiterCapacity,
            throttleFactor: ladder?.throttleFactor ?? SanctionLadder.defaultThrottleFactor)
        detector = thresholds.map { PollingDetector(thresholds: $0, capacity: Self.pollingSeriesCapacity) }
        self.ladder = ladder
    }

    /// Replays every line of the access log at `path`; empty lines are skipped. The lines are read and
    /// parsed on a second thread while this one replays the ones before (`ParsedLogBatches`).
    /// Throws `ReplayError` for a file that cannot be read or a line that is not a logged request.
    public static func report(
        ofFile path: String, rules: RateLimitRuleSet, polling thresholds: PollingThresholds? = .default,
        sanctions ladder: SanctionLadder? = nil, termsRules: TermsRules.Settings = .default
    ) throws -> ThrottleReport {
        var replay = AccessLogReplay(rules: rules, polling: thresholds, sanctions: ladder, termsRules: termsRules)
        try ParsedLogBatches.forEach(inFile: path, seriesKeys: thresholds != nil ? .whereThereIsTime : .none) {
            batch in replay.replay(&batch)
        }
        return replay.report
    }

    /// How many requests ahead of the one replayed the replay hints at the index entry of a series, and at
    /// its slot: far enough for each load to arrive before it is needed, near enough that it is still cached.
    static let prefetchDistances = (index: 16, series: 8)

    /// The requests of a batch, in order, each moved out of the batch for its replay and back in after it.
    /// Borrowed in place, a request was copied first (the replay mutates `self`, which the compiler cannot
    /// tell apart from the batch's memory): every string of it retained on this thread, after the reading
    /// thread made them, and those contended reference counts took about a tenth of this thread's time.
    /// Moved back, the requests' strings are still released on the reading thread, as it reuses the batch.
    ///
    /// Each request's route comes from the batch, made on the reading thread, and so does its series key unless
    /// that thread left the keys to this one (`SeriesKeys.whereThereIsTime`); with the keys, the detector is told
    /// some requests ahead which series come, so that their index entries and slots, which no cache holds for a
    /// day's traffic, are on their way.
    mutating func replay(_ batch: inout ParsedLogBatch) {
        if detector != nil, batch.seriesKeys.count != batch.requests.count { batch.makeSeriesKeys() }
        let (keys, routes) = (batch.seriesKeys, batch.routes)
        precondition(routes.count == batch.requests.count, "a batch without its routes")
        let distances = Self.prefetchDistances
        batch.requests.withUnsafeMutableBufferPointer { requests in
            guard let first = requests.baseAddress else { return }
            keys.withUnsafeBufferPointer { keys in
                for index in requests.indices {
                    if detector != nil {
                        if index + distances.index < keys.count, let key = keys[index + distances.index] {
                            detector?.prefetchIndex(key)
                        }
                        if index + distances.series < keys.count, let key = keys[index + distances.series] {
                            detector?.prefetchSeries(key)
                        }
                    }
                    let request = (first + index).move()
                    let (route, seriesKey) = (routes[index], keys.isEmpty ? nil : keys[index])
                    request.target.withBytes { replay(request, target: $0, route: route, seriesKey: seriesKey) }
                    (first + index).initialize(to: consume request)
                }
            }
        }
    }

    /// One request: counted under its supplier by the log's decision, then decided by the limits at its time.
    public mutating func replay(_ request: borrowing LoggedRequest) {
        // The whole replay inside, as one mutating call: a closure that read `self` for the limits, the
        // catalogue and the detector itself copied all of it per request.
        let seriesKey = seriesKey(of: request)
        let route = request.route(in: catalogue)
        request.target.withBytes { replay(request, target: $0, route: route, seriesKey: seriesKey) }
    }

    /// The request's series key if the detector is on (nil for a request no series counts).
    private func seriesKey(of request: borrowing LoggedRequest) -> PollingSeriesKey? {
        detector == nil ? nil : request.seriesKey
    }

    /// The replay of a request whose target's bytes are `target`, whose route is `route` and whose series is
    /// `seriesKey` (nil for a request that is not a successful read): the limits read the bytes where the log's
    /// reader kept them.
    private mutating func replay(
        _ request: borrowing LoggedRequest, target: UnsafeBufferPointer<UInt8>, route: Route,
        seriesKey: PollingSeriesKey?
    ) {
        from = min(from ?? request.time, request.time)
        until = max(until ?? request.time, request.time)

        // Who asked is read from the party the request carries, where the fields are stored: the request's
        // properties of the same names would copy them.
        let slot = slot(of: request.party.supplier)
        tallies[slot].requests += 1
        switch request.decision {
        case .allowed, .shadow: tallies[slot].allowed += 1
        case .throttled: tallies[slot].throttled += 1
        case .blocked: tallies[slot].blocked += 1
        case .maintenance, nil: break
        }
        tallies[slot].countUsage(
            at: request.time, allowed: request.decision == .allowed || request.decision == .shadow,
            throttled: request.decision == .throttled, blocked: request.decision == .blocked)

        let standing = ladder.flatMap { sanctions[slot]?.standing(at: request.time, ladder: $0) }
        tallies[slot].noteStanding(standing, at: request.time)
        let level = standing?.level
        if level == .cutoff { return }
        let limits = limiter.refusingRules(
            route: route, method: request.method, target: target, party: request.party,
            isThrottled: level == .throttle, now: request.time)
        var polling: PollingVerdict?
        if let seriesKey, detector != nil {
            polling = detector!.observeRead(
                time: request.time, supplier: request.party.supplier, customer: request.party.customer, route: route,
                status: request.status, key: seriesKey, responseDigestHash: request.responseDigest)
        }
        if !limits.isAllowed || !limits.rules.isEmpty { tallies[slot].wouldThrottle += 1 }
        for rule in limits.rules { refusalsByRule[rule, default: 0] += 1 }
        guard !request.party.isAnonymous else { return }
        let escalating = termsRules.observe(
            time: request.time, supplier: request.party.supplier, customer: request.party.customer, route: route,
            status: request.status, isBrowserLike: request.isBrowserLike)
        guard let ladder else { return }
        if let escalating {
            if sanctions[slot] == nil { sanctions[slot] = SupplierSanction() }
            sanctions[slot]?.record(violation: escalating, at: request.time, ladder: ladder)
        }
        var recorded = escalating != nil
        if case .read(_, seriesIsPolling: true)? = polling {
            if sanctions[slot] == nil { sanctions[slot] = SupplierSanction() }
            sanctions[slot]?.record(
                violation: PollingViolation.rule + " " + route.name, at: request.time, ladder: ladder)
            recorded = true
        }
        if recorded {
            tallies[slot].noteStanding(sanctions[slot]?.standing(at: request.time, ladder: ladder), at: request.time)
        }
    }

    /// The supplier's slot, made on its first request.
    private mutating func slot(of supplier: borrowing String) -> Int {
        let found = supplier.withUTF8Bytes { slots.value(for: $0) }
        if let found { return found }
        if let found = moreSlots[copy supplier] { return found }
        let slot = tallies.count
        if !supplier.withUTF8Bytes({ slots.insert(slot, for: $0) }) { moreSlots[copy supplier] = slot }
        tallies.append(ThrottleReport.Supplier(supplier: copy supplier))
        sanctions.append(nil)
        return slot
    }

    /// The report so far: suppliers by name, rules by refusals (most first, then by name).
    public var report: ThrottleReport {
        let shadowRules = Set(limiter.rules.rules.filter(\.shadow).map(\.name))
        let rules = refusalsByRule.map {
            ThrottleReport.RuleRefusals(rule: $0.key, shadow: shadowRules.contains($0.key), refusals: $0.value)
        }
        var suppliers = [String: ThrottleReport.Supplier](uniqueKeysWithValues: tallies.map { ($0.supplier, $0) })
        if let ladder, let until {
            for (slot, sanction) in sanctions.enumerated() {
                guard var sanction else { continue }
                let standing = sanction.standing(at: until, ladder: ladder)
                suppliers[tallies[slot].supplier]?.level = standing?.level
                suppliers[tallies[slot].supplier]?.noteStanding(standing, at: until)
            }
        }
        for finding in termsRules.findings {
            suppliers[finding.supplier]?.violations.append(ThrottleReport.Violation(finding: finding))
        }
        for violation in detector?.violations ?? [] {
            suppliers[violation.supplier]?.violations.append(ThrottleReport.Violation(polling: violation))
        }
        return ThrottleReport(
            from: from, until: until,
            suppliers: suppliers.values.sorted { $0.supplier < $1.supplier },
            rules: rules.sorted { ($1.refusals, $0.rule) < ($0.refusals, $1.rule) },
            notes: Self.notes)
    }
}
