import Foundation
import GRDB
import PortvaktCore
import PortvaktReport

/// One change to the durable state, applied in the order it was made.
public enum StoreWrite: Sendable {
    /// A supplier's whole ladder state after a change (a violation recorded, a manual sanction set or lifted).
    case ladder(supplier: String, SupplierSanction.Snapshot)
    /// A violation put on the ladder, with the evidence as it stood when it was recorded.
    case violation(supplier: String, recordedAt: Int64, ThrottleReport.Violation)
    /// The level a supplier stands on changed at `at` (nil: it stands on none now); for the report's history.
    case standing(supplier: String, at: Int64, SupplierSanction.Standing?, reason: String?)

    func apply(in db: Database) throws {
        switch self {
        case .ladder(let supplier, let snapshot):
            let standing = snapshot.recordedStanding
            try db.execute(
                sql: """
                    INSERT INTO sanctions (supplier, level, since, until, manual, reason, ladder)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (supplier) DO UPDATE SET level = excluded.level, since = excluded.since,
                        until = excluded.until, manual = excluded.manual, reason = excluded.reason,
                        ladder = excluded.ladder
                    """,
                arguments: [
                    supplier, standing?.level.rawValue, standing?.since, standing?.until,
                    standing?.isManual ?? false, snapshot.manual?.reason,
                    String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self),
                ])
        case .violation(let supplier, let recordedAt, let evidence):
            try db.execute(
                sql: """
                    INSERT INTO violations (supplier, rule, product, route, recorded_at, customers, requests,
                        median_interval_s, unchanged_ratio, first_seen, last_seen, periodicity, advisory, advice)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    supplier, evidence.rule, evidence.product, evidence.route, recordedAt, evidence.customers,
                    evidence.requests, evidence.medianIntervalSeconds, evidence.unchangedRatio, evidence.firstSeen,
                    evidence.lastSeen, evidence.periodicity, evidence.isAdvisory, evidence.advice,
                ])
        case .standing(let supplier, let at, let standing, let reason):
            try db.execute(
                sql:
                    "INSERT INTO standings (supplier, changed_at, level, until, manual, reason) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    supplier, at, standing?.level.rawValue, standing?.until, standing?.isManual ?? false, reason,
                ])
        }
    }
}
