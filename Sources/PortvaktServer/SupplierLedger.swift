import PortvaktAccessLog
import PortvaktCore
import Synchronization

/// What the running proxy knows of each supplier: its requests and what was decided about them, and its
/// place on the sanction ladder. Shared by every event loop and the admin API; one lock, held only to count
/// or to read a supplier's standing. Time is Unix nanoseconds (sanctions last hours and days, and outlive a
/// restart once they are stored).
public final class SupplierLedger: Sendable {
    /// One supplier's counts and sanction.
    public struct Account: Sendable {
        public var requests = 0
        public var allowed = 0
        public var throttled = 0
        public var blocked = 0
        public var sanction = SupplierSanction()
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
    }

    public let ladder: SanctionLadder
    private let accounts = Mutex<[String: Account]>([:])

    public init(ladder: SanctionLadder) {
        self.ladder = ladder
    }

    /// Where `supplier` stands at `now`; nil when on no step.
    public func standing(of supplier: String, at now: Int64) -> SupplierSanction.Standing? {
        accounts.withLock { accounts in
            accounts[supplier]?.sanction.standing(at: now, ladder: ladder)
        }
    }

    /// Counts one request and what was decided.
    public func count(_ decision: Decision, for supplier: String) {
        accounts.withLock { accounts in
            accounts[supplier, default: Account()].requests += 1
            switch decision {
            case .allowed, .shadow: accounts[supplier, default: Account()].allowed += 1
            case .throttled: accounts[supplier, default: Account()].throttled += 1
            case .blocked: accounts[supplier, default: Account()].blocked += 1
            case .maintenance: break
            }
        }
    }

    /// Puts a manual sanction on `supplier` (terms §1.2.8), in force from its next request.
    public func impose(_ manual: SupplierSanction.Manual, on supplier: String) {
        accounts.withLock { $0[supplier, default: Account()].sanction.manual = manual }
    }

    /// Lifts `supplier`'s manual sanction; false when it had none.
    public func lift(manualSanctionOf supplier: String) -> Bool {
        accounts.withLock { accounts in
            guard accounts[supplier]?.sanction.manual != nil else { return false }
            accounts[supplier]?.sanction.manual = nil
            return true
        }
    }

    /// Every supplier seen or sanctioned, by organisation number.
    public func summaries(at now: Int64) -> [Summary] {
        accounts.withLock { accounts in
            accounts.keys.sorted().map { supplier in
                let standing = accounts[supplier]!.sanction.standing(at: now, ladder: ladder)
                let account = accounts[supplier]!
                return Summary(
                    supplier: supplier, requests: account.requests, allowed: account.allowed,
                    throttled: account.throttled, blocked: account.blocked, standing: standing,
                    reason: account.sanction.manual?.reason)
            }
        }
    }
}
