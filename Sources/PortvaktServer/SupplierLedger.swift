import PortvaktAccessLog
import PortvaktCore
import PortvaktReport
import PortvaktStore
import Synchronization

/// What the running proxy knows of each supplier: its requests and what was decided about them, the polling
/// detector's view of its reads, and its place on the sanction ladder. Shared by every event loop and the
/// admin API. Two locks: one for the accounts, held to count or to read a standing, and one for judging
/// answers (the detector and the terms' rules), so that the request path never waits for a judge, which in a
/// cluster is another thread judging every instance's answers; a verdict takes the accounts' lock only to climb
/// the ladder. Time is Unix nanoseconds (sanctions last hours and days, and outlive a restart).
///
/// With a `StateStore`, every change that matters after a restart is handed to it: counts by the hour,
/// violations with their evidence, the ladder state, each change of level. Manual sanctions are committed
/// before `impose` and `lift` return.
public final class SupplierLedger: Sendable {
    /// One supplier's counts and sanction.
    public struct Account: Sendable {
        public var requests = 0
        public var allowed = 0
        public var throttled = 0
        public var blocked = 0
        public var sanction = SupplierSanction()
        /// The standing last handed to the store, to see when it changes.
        var lastStanding: SupplierSanction.Standing?
        /// Evidence recorded before a restart, latest per rule and route.
        var recorded: [ThrottleReport.Violation] = []
    }

    /// The accounts and what changes them.
    private struct State: Sendable {
        var ladder: SanctionLadder
        var accounts: [String: Account] = [:]
        /// With a cluster: where each change of a supplier's ladder goes, for the other instances.
        var sharing: (@Sendable (String, SupplierSanction.Snapshot) -> Void)?
        /// With a cluster: where answers go to be judged.
        var answerRoute: (@Sendable (ObservedAnswer) -> Void)?
    }

    /// What judges answers.
    private struct Judging: Sendable {
        var detector: PollingDetector?
        /// Terms §2.2 and §7.1: shown with the evidence, on the ladder where the config says so.
        var termsRules: TermsRules
    }

    /// A supplier as the admin API shows it.
    public struct Summary: Sendable, Equatable {
        public var supplier: String
        public var requests: Int
        public var allowed: Int
        public var throttled: Int
        public var blocked: Int
        public var standing: SupplierSanction.Standing?
        /// A manual sanction's reason.
        public var reason: String?
        /// The polling detector's evidence against this supplier.
        public var violations: [PollingViolation]
        /// Findings of the terms' other rules (§2.2, §7.1).
        public var findings: [TermsFinding] = []
        /// Evidence recorded before the last restart, for rules and routes not seen again since.
        public var recorded: [ThrottleReport.Violation] = []

        /// Everything against this supplier as the report shows it: live evidence first, then recorded.
        public var evidence: [ThrottleReport.Violation] {
            let live =
                violations.map(ThrottleReport.Violation.init(polling:))
                + findings.map(ThrottleReport.Violation.init(finding:))
            let seen = Set(live.map { $0.rule + " " + $0.route })
            return live + recorded.filter { !seen.contains($0.rule + " " + $0.route) }
        }
    }

    /// The ladder in force (a reload may change it; where each supplier stands is kept).
    public var ladder: SanctionLadder { state.withLock { $0.ladder } }
    private let state: Mutex<State>
    private let judging: Mutex<Judging>
    private let store: StateStore?

    /// A ledger whose suppliers climb `ladder`; with `polling` thresholds, every answer is judged for polling,
    /// and by the terms' other `rules`; with a `store`, what matters after a restart is kept there.
    public init(
        ladder: SanctionLadder, polling: PollingThresholds? = nil, rules: TermsRules.Settings = .default,
        store: StateStore? = nil
    ) {
        self.store = store
        self.state = Mutex(State(ladder: ladder))
        self.judging = Mutex(
            Judging(detector: polling.map { PollingDetector(thresholds: $0) }, termsRules: TermsRules(settings: rules)))
    }

    /// Hands every later change of a supplier's ladder (a violation recorded, a manual sanction) to `publish`,
    /// for the other instances of a cluster.
    public func shareLadders(with publish: @escaping @Sendable (String, SupplierSanction.Snapshot) -> Void) {
        state.withLock { $0.sharing = publish }
    }

    /// Takes the cluster's ladders as they are in Redis: a supplier whose snapshot differs from this instance's
    /// takes it (and the store keeps it); evidence and counts stay this instance's own.
    public func adopt(_ snapshots: [String: SupplierSanction.Snapshot]) {
        let now = WallClock.nanosecondsSinceEpoch()
        state.withLock { state in
            for (supplier, snapshot) in snapshots where state.accounts[supplier]?.sanction.snapshot != snapshot {
                state.accounts[supplier, default: Account()].sanction = SupplierSanction(restoring: snapshot)
                store?.record(.ladder(supplier: supplier, snapshot))
                noteStanding(of: supplier, at: now, in: &state)
            }
        }
    }

    /// Puts a reloaded config's ladder, polling thresholds and rules in force. Every supplier keeps its counts,
    /// its evidence and its place on the ladder, now judged by the new steps; the detector keeps its series
    /// (unless polling was turned off), each rule what it has seen unless its threshold changed.
    public func reconfigure(ladder: SanctionLadder, polling: PollingThresholds?, rules: TermsRules.Settings) {
        state.withLock { $0.ladder = ladder }
        judging.withLock { judging in
            if let polling {
                if judging.detector == nil { judging.detector = PollingDetector(thresholds: polling) }
                judging.detector!.thresholds = polling
            } else {
                judging.detector = nil
            }
            judging.termsRules.reconfigure(rules)
        }
    }

    /// Takes back what the store kept: ladders, counts and evidence. Called before the proxy listens.
    public func restore(_ restored: StateStore.Restored) {
        state.withLock { state in
            for (supplier, snapshot) in restored.ladders {
                state.accounts[supplier, default: Account()].sanction = SupplierSanction(restoring: snapshot)
            }
            for (supplier, totals) in restored.usage {
                state.accounts[supplier, default: Account()].requests += totals.requests
                state.accounts[supplier, default: Account()].allowed += totals.allowed
                state.accounts[supplier, default: Account()].throttled += totals.throttled
                state.accounts[supplier, default: Account()].blocked += totals.blocked
            }
            for (supplier, violations) in restored.violations {
                state.accounts[supplier, default: Account()].recorded = violations
            }
            for supplier in state.accounts.keys {
                state.accounts[supplier]!.lastStanding = state.accounts[supplier]!.sanction.snapshot.recordedStanding
            }
        }
    }

    /// Takes in one finished answer of a verified supplier: judged here (`judge`), or, in a cluster, sent to the
    /// instance that judges every instance's answers (`routeAnswers`).
    public func observe(_ answer: ObservedAnswer) {
        let route = state.withLock { $0.answerRoute }
        guard let route else { return judge(answer) }
        if answer.canBeEvidence { route(answer) }
    }

    /// Judges one finished answer for polling and by the terms' other rules; a series found polling is a
    /// violation of §1.2.4 on the supplier's ladder (recorded again only after `recount` while it goes on), and
    /// so is a finding of a rule the config lets escalate.
    public func judge(_ answer: ObservedAnswer) {
        let (time, supplier, route) = (answer.time, answer.supplier, answer.catalogueRoute)
        let (rule, seriesIsPolling) = judging.withLock { judging in
            let rule = judging.termsRules.observe(
                time: time, supplier: supplier, customer: answer.customer, route: route, status: answer.status,
                isBrowserLike: answer.isBrowserLike)
            let verdict = judging.detector?.observe(
                time: time, supplier: supplier, customer: answer.customer, method: RequestMethod(answer.method),
                host: answer.host, target: answer.target, route: route, status: answer.status,
                responseDigest: answer.responseDigest)
            guard case .read(_, seriesIsPolling: true)? = verdict else { return (rule, false) }
            return (rule, true)
        }
        if let rule {
            self.record(rule, of: supplier, at: time) { judging in
                judging.termsRules.findings.first { $0.supplier == supplier && $0.rule == rule }
                    .map(ThrottleReport.Violation.init(finding:))
            }
        }
        if seriesIsPolling {
            self.record(PollingViolation.rule + " " + route.name, of: supplier, at: time) { judging in
                judging.detector?.violations.first { $0.supplier == supplier && $0.route == route }
                    .map(ThrottleReport.Violation.init(polling:))
            }
        }
    }

    /// Puts a violation on the supplier's ladder; when it counts (not within `recount` of the last one), keeps it
    /// with its `evidence`, which is looked up only then (a roll-up is not cheap).
    private func record(
        _ violation: String, of supplier: String, at time: Int64,
        evidence: (inout Judging) -> ThrottleReport.Violation?
    ) {
        let recorded = state.withLock { state in
            state.accounts[supplier, default: Account()].sanction.record(
                violation: violation, at: time, ladder: state.ladder)
        }
        guard recorded else { return }
        let evidence = judging.withLock { evidence(&$0) }
        state.withLock { state in keep(evidence, of: supplier, at: time, in: &state) }
    }

    /// Sends every later answer to `route` instead of judging it here: a cluster's instances hand theirs to
    /// the one that judges them all, so polling spread over the instances is seen whole.
    public func routeAnswers(to route: @escaping @Sendable (ObservedAnswer) -> Void) {
        state.withLock { $0.answerRoute = route }
    }

    /// Hands a violation just recorded, and the ladder it changed, to the store.
    private func keep(
        _ evidence: ThrottleReport.Violation?, of supplier: String, at time: Int64, in state: inout State
    ) {
        state.sharing?(supplier, state.accounts[supplier]!.sanction.snapshot)
        guard let store else { return }
        if let evidence { store.record(.violation(supplier: supplier, recordedAt: time, evidence)) }
        store.record(.ladder(supplier: supplier, state.accounts[supplier]!.sanction.snapshot))
        noteStanding(of: supplier, at: time, in: &state)
    }

    /// Where `supplier` stands at `now`; nil when on no step.
    public func standing(of supplier: String, at now: Int64) -> SupplierSanction.Standing? {
        state.withLock { state in
            guard state.accounts[supplier] != nil else { return nil }
            return noteStanding(of: supplier, at: now, in: &state)
        }
    }

    /// The standing at `now`, handed to the store when it differs from the last one handed over.
    @discardableResult
    private func noteStanding(of supplier: String, at now: Int64, in state: inout State)
        -> SupplierSanction.Standing?
    {
        let standing = state.accounts[supplier]!.sanction.standing(at: now, ladder: state.ladder)
        if let store, standing != state.accounts[supplier]!.lastStanding {
            state.accounts[supplier]!.lastStanding = standing
            let reason = standing?.isManual == true ? state.accounts[supplier]!.sanction.manual?.reason : nil
            store.record(.standing(supplier: supplier, at: standing?.since ?? now, standing, reason: reason))
        }
        return standing
    }

    /// Counts one request of `product`, made at `time`, and what was decided.
    public func count(_ decision: Decision, for supplier: String, product: Product, at time: Int64) {
        state.withLock { state in
            state.accounts[supplier, default: Account()].requests += 1
            switch decision {
            case .allowed, .shadow: state.accounts[supplier, default: Account()].allowed += 1
            case .throttled: state.accounts[supplier, default: Account()].throttled += 1
            case .blocked: state.accounts[supplier, default: Account()].blocked += 1
            case .maintenance: break
            }
        }
        store?.count(at: time, supplier: supplier, product: product.rawValue, decision: decision.rawValue)
    }

    /// Puts a manual sanction on `supplier` (terms §1.2.8), in force from its next request. With a store,
    /// returns once it is committed; when it cannot be, takes it back and throws (requests answered in the
    /// moment between may have met it).
    public func impose(_ manual: SupplierSanction.Manual, on supplier: String) throws(StoreError) {
        try change(supplier, at: manual.since) { $0.manual = manual }
    }

    /// Lifts `supplier`'s manual sanction; false when it had none. Committed like `impose`.
    public func lift(manualSanctionOf supplier: String, at now: Int64) throws(StoreError) -> Bool {
        guard state.withLock({ $0.accounts[supplier]?.sanction.manual != nil }) else { return false }
        try change(supplier, at: now) { $0.manual = nil }
        return true
    }

    /// Applies `change` to the supplier's sanction and commits the result; puts the old one back on failure.
    private func change(
        _ supplier: String, at now: Int64, _ change: (inout SupplierSanction) -> Void
    ) throws(StoreError) {
        let (before, after) = state.withLock { state in
            let before = state.accounts[supplier, default: Account()].sanction
            change(&state.accounts[supplier, default: Account()].sanction)
            return (before, state.accounts[supplier]!.sanction)
        }
        if let store {
            do {
                try store.commit(.ladder(supplier: supplier, after.snapshot))
            } catch {
                state.withLock { $0.accounts[supplier]!.sanction.manual = before.manual }
                throw error
            }
        }
        state.withLock { state in
            state.sharing?(supplier, after.snapshot)
            noteStanding(of: supplier, at: now, in: &state)
        }
    }

    /// Series the polling detector follows now.
    public var pollingSeries: Int { judging.withLock { $0.detector?.seriesCount ?? 0 } }

    /// How many suppliers stand at each level at `now`.
    public func levelCounts(at now: Int64) -> [SanctionLevel: Int] {
        state.withLock { state in
            var counts: [SanctionLevel: Int] = [:]
            for supplier in state.accounts.keys {
                if let level = state.accounts[supplier]!.sanction.standing(at: now, ladder: state.ladder)?.level {
                    counts[level, default: 0] += 1
                }
            }
            return counts
        }
    }

    /// Every supplier seen or sanctioned, by organisation number.
    public func summaries(at now: Int64) -> [Summary] {
        let (violations, findings) = judging.withLock { judging in
            (
                Dictionary(grouping: judging.detector?.violations ?? [], by: \.supplier),
                Dictionary(grouping: judging.termsRules.findings, by: \.supplier)
            )
        }
        return state.withLock { state in
            state.accounts.keys.sorted().map { supplier in
                let standing = noteStanding(of: supplier, at: now, in: &state)
                let account = state.accounts[supplier]!
                return Summary(
                    supplier: supplier, requests: account.requests, allowed: account.allowed,
                    throttled: account.throttled, blocked: account.blocked, standing: standing,
                    reason: account.sanction.manual?.reason, violations: violations[supplier] ?? [],
                    findings: findings[supplier] ?? [], recorded: account.recorded)
            }
        }
    }
}
