import PortvaktAccessLog
import PortvaktCore
import Synchronization

/// What the running proxy knows of each supplier: its requests and what was decided about them, the polling
/// detector's view of its reads, and its place on the sanction ladder. Shared by every event loop and the
/// admin API; one lock, held to count, to judge an answer or to read a standing. Time is Unix nanoseconds
/// (sanctions last hours and days, and outlive a restart once they are stored).
public final class SupplierLedger: Sendable {
    /// One supplier's counts and sanction.
    public struct Account: Sendable {
        public var requests = 0
        public var allowed = 0
        public var throttled = 0
        public var blocked = 0
        public var sanction = SupplierSanction()
    }

    /// Accounts and the detector, under one lock: a polling verdict climbs the same supplier's ladder.
    private struct State: Sendable {
        var accounts: [String: Account] = [:]
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
    }

    public let ladder: SanctionLadder
    private let state: Mutex<State>

    /// A ledger whose suppliers climb `ladder`; with `polling` thresholds, every answer is judged for polling,
    /// and by the terms' other `rules`.
    public init(ladder: SanctionLadder, polling: PollingThresholds? = nil, rules: TermsRules.Settings = .default) {
        self.ladder = ladder
        self.state = Mutex(
            State(detector: polling.map { PollingDetector(thresholds: $0) }, termsRules: TermsRules(settings: rules)))
    }

    /// Judges one finished answer for polling and by the terms' other rules; a series found polling is a
    /// violation of §1.2.4 on the supplier's ladder (recorded again only after `recount` while it goes on), and
    /// so is a finding of a rule the config lets escalate.
    public func observe(
        time: Int64, supplier: String, customer: String?, method: RequestMethod, host: String, target: String,
        route: Route, status: Int, responseDigest: String?, isBrowserLike: Bool = false
    ) {
        state.withLock { state in
            if let rule = state.termsRules.observe(
                time: time, supplier: supplier, customer: customer, route: route, status: status,
                isBrowserLike: isBrowserLike)
            {
                state.accounts[supplier, default: Account()].sanction.record(violation: rule, at: time, ladder: ladder)
            }
            guard
                case .read(_, seriesIsPolling: true)? = state.detector?.observe(
                    time: time, supplier: supplier, customer: customer, method: method, host: host, target: target,
                    route: route, status: status, responseDigest: responseDigest)
            else { return }
            state.accounts[supplier, default: Account()].sanction.record(
                violation: PollingViolation.rule + " " + route.name, at: time, ladder: ladder)
        }
    }

    /// Where `supplier` stands at `now`; nil when on no step.
    public func standing(of supplier: String, at now: Int64) -> SupplierSanction.Standing? {
        state.withLock { state in
            state.accounts[supplier]?.sanction.standing(at: now, ladder: ladder)
        }
    }

    /// Counts one request and what was decided.
    public func count(_ decision: Decision, for supplier: String) {
        state.withLock { state in
            state.accounts[supplier, default: Account()].requests += 1
            switch decision {
            case .allowed, .shadow: state.accounts[supplier, default: Account()].allowed += 1
            case .throttled: state.accounts[supplier, default: Account()].throttled += 1
            case .blocked: state.accounts[supplier, default: Account()].blocked += 1
            case .maintenance: break
            }
        }
    }

    /// Puts a manual sanction on `supplier` (terms §1.2.8), in force from its next request.
    public func impose(_ manual: SupplierSanction.Manual, on supplier: String) {
        state.withLock { $0.accounts[supplier, default: Account()].sanction.manual = manual }
    }

    /// Lifts `supplier`'s manual sanction; false when it had none.
    public func lift(manualSanctionOf supplier: String) -> Bool {
        state.withLock { state in
            guard state.accounts[supplier]?.sanction.manual != nil else { return false }
            state.accounts[supplier]?.sanction.manual = nil
            return true
        }
    }

    /// Every supplier seen or sanctioned, by organisation number.
    public func summaries(at now: Int64) -> [Summary] {
        state.withLock { state in
            let violations = Dictionary(grouping: state.detector?.violations ?? [], by: \.supplier)
            let findings = Dictionary(grouping: state.termsRules.findings, by: \.supplier)
            return state.accounts.keys.sorted().map { supplier in
                let standing = state.accounts[supplier]!.sanction.standing(at: now, ladder: ladder)
                let account = state.accounts[supplier]!
                return Summary(
                    supplier: supplier, requests: account.requests, allowed: account.allowed,
                    throttled: account.throttled, blocked: account.blocked, standing: standing,
                    reason: account.sanction.manual?.reason, violations: violations[supplier] ?? [],
                    findings: findings[supplier] ?? [])
            }
        }
    }
}
