import Foundation
import GRDB
import PortvaktCore
import PortvaktReport

extension StateStore {
    /// What a restarted proxy takes back: every supplier's place on the ladder, its counts so far, and the
    /// evidence recorded against it.
    public struct Restored: Sendable, Equatable {
        public var ladders: [String: SupplierSanction.Snapshot] = [:]
        public var usage: [String: UsageTotals] = [:]
        /// The latest evidence per rule and route, oldest first.
        public var violations: [String: [ThrottleReport.Violation]] = [:]
    }

    /// A supplier's requests over all time, by what was decided.
    public struct UsageTotals: Sendable, Equatable {
        public var requests = 0
        public var allowed = 0
        public var throttled = 0
        public var blocked = 0

        public init(requests: Int = 0, allowed: Int = 0, throttled: Int = 0, blocked: Int = 0) {
            self.requests = requests
            self.allowed = allowed
            self.throttled = throttled
            self.blocked = blocked
        }

        /// Adds `count` requests decided `decision` (an access-log decision name).
        mutating func add(_ count: Int, decision: String) {
            requests += count
            switch decision {
            case "allowed", "shadow": allowed += count
            case "throttled": throttled += count
            case "blocked": blocked += count
            default: break
            }
        }
    }

    /// Reads everything a restart needs back.
    public func restore() throws -> Restored {
        try read { db in
            var restored = Restored()
            for row in try Row.fetchAll(db, sql: "SELECT supplier, ladder FROM sanctions") {
                restored.ladders[row["supplier"]] = try Self.snapshot(row["ladder"])
            }
            let totals = """
                SELECT supplier, SUM(allowed), SUM(shadow), SUM(throttled), SUM(blocked), SUM(maintenance)
                FROM usage GROUP BY supplier
                """
            for row in try Row.fetchAll(db, sql: totals) {
                for (column, decision) in ["allowed", "shadow", "throttled", "blocked", "maintenance"].enumerated() {
                    restored.usage[row[0], default: UsageTotals()].add(row[column + 1], decision: decision)
                }
            }
            let latest = """
                SELECT * FROM violations WHERE id IN (SELECT MAX(id) FROM violations GROUP BY supplier, rule, route)
                ORDER BY id
                """
            for row in try Row.fetchAll(db, sql: latest) {
                restored.violations[row["supplier"], default: []].append(Self.violation(row))
            }
            return restored
        }
    }

    static func snapshot(_ text: String) throws -> SupplierSanction.Snapshot {
        try JSONDecoder().decode(SupplierSanction.Snapshot.self, from: Data(text.utf8))
    }

    static func violation(_ row: Row) -> ThrottleReport.Violation {
        ThrottleReport.Violation(
            rule: row["rule"], product: row["product"], route: row["route"], customers: row["customers"],
            requests: row["requests"], medianIntervalSeconds: row["median_interval_s"],
            unchangedRatio: row["unchanged_ratio"], firstSeen: row["first_seen"], lastSeen: row["last_seen"],
            advice: row["advice"], periodicity: row["periodicity"], isAdvisory: row["advisory"])
    }
}

extension StateStore {
    /// SQLite's own check of the whole file: true when it reports `ok`.
    public func isIntact() throws -> Bool {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" }
    }
}
