import GRDB
import PortvaktCore
import PortvaktReport

extension StateStore {
    /// The throttle report (contract §5) over `[from, until)` from the durable state: per supplier its
    /// requests by decision, hour by hour, the levels it stood at, the latest evidence per rule and route
    /// recorded in the period, and its level at the period's end (worked out on `ladder`). With `supplier`,
    /// only that one. Times are Unix nanoseconds.
    public func report(from: Int64, until: Int64, supplier only: String? = nil, ladder: SanctionLadder) throws
        -> ThrottleReport
    {
        try read { db in
            let filter = only == nil ? "" : " AND supplier = :supplier"
            var arguments: [String: (any DatabaseValueConvertible)?] = [
                "from": from - from % UsageTally.hourNanoseconds, "until": until, "supplier": only,
            ]
            var suppliers: [String: ThrottleReport.Supplier] = [:]
            func entry(_ name: String) -> ThrottleReport.Supplier {
                suppliers[name] ?? ThrottleReport.Supplier(supplier: name)
            }

            let usage = try Row.fetchCursor(
                db,
                sql: """
                    SELECT supplier, hour, decision, SUM(requests) AS requests FROM usage
                    WHERE hour >= :from AND hour < :until\(filter)
                    GROUP BY supplier, hour, decision ORDER BY supplier, hour
                    """, arguments: StatementArguments(arguments))
            while let row = try usage.next() {
                let name: String = row["supplier"]
                let hour: Int64 = row["hour"]
                let requests: Int = row["requests"]
                let decision: String = row["decision"]
                var supplier = entry(name)
                if supplier.usage.last?.hour != hour {
                    supplier.usage.append(.init(hour: hour, requests: 0, allowed: 0, throttled: 0, blocked: 0))
                }
                supplier.requests += requests
                supplier.usage[supplier.usage.count - 1].requests += requests
                switch decision {
                case "allowed", "shadow":
                    supplier.allowed += requests
                    supplier.usage[supplier.usage.count - 1].allowed += requests
                    if decision == "shadow" { supplier.wouldThrottle += requests }
                case "throttled":
                    supplier.throttled += requests
                    supplier.wouldThrottle += requests
                    supplier.usage[supplier.usage.count - 1].throttled += requests
                case "blocked":
                    supplier.blocked += requests
                    supplier.usage[supplier.usage.count - 1].blocked += requests
                default: break
                }
                suppliers[name] = supplier
            }

            arguments["from"] = from
            let latest = """
                SELECT * FROM violations WHERE id IN (
                    SELECT MAX(id) FROM violations WHERE recorded_at >= :from AND recorded_at < :until\(filter)
                    GROUP BY supplier, rule, route)
                ORDER BY supplier, id
                """
            for row in try Row.fetchAll(db, sql: latest, arguments: StatementArguments(arguments)) {
                let name: String = row["supplier"]
                var supplier = entry(name)
                supplier.violations.append(Self.violation(row))
                suppliers[name] = supplier
            }

            // Each change of standing begins a stretch that lasts until the next change or its own end; the
            // stretch already running when the period begins counts too.
            let changes = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM standings WHERE changed_at < :until\(filter) ORDER BY supplier, changed_at, rowid
                    """, arguments: StatementArguments(arguments))
            for (name, rows) in Dictionary(grouping: changes, by: { $0["supplier"] as String }) {
                var periods: [ThrottleReport.SanctionPeriod] = []
                for (index, row) in rows.enumerated() {
                    guard let level = (row["level"] as String?).flatMap(SanctionLevel.init(rawValue:)) else { continue }
                    let since: Int64 = row["changed_at"]
                    let next: Int64? = index + 1 < rows.count ? rows[index + 1]["changed_at"] : nil
                    let end = [row["until"] as Int64?, next].compactMap { $0 }.min()
                    if let end, end <= from { continue }
                    periods.append(
                        .init(level: level, since: since, until: end, isManual: row["manual"], reason: row["reason"]))
                }
                guard !periods.isEmpty else { continue }
                var supplier = entry(name)
                supplier.sanctions = periods
                suppliers[name] = supplier
            }

            for row in try Row.fetchAll(
                db, sql: "SELECT supplier, ladder FROM sanctions WHERE 1\(filter)",
                arguments: StatementArguments(arguments))
            {
                let name: String = row["supplier"]
                var sanction = SupplierSanction(restoring: try Self.snapshot(row["ladder"]))
                guard let level = sanction.standing(at: until, ladder: ladder)?.level else { continue }
                var supplier = entry(name)
                supplier.level = level
                suppliers[name] = supplier
            }

            return ThrottleReport(
                from: from, until: until,
                suppliers: suppliers.values.sorted { $0.supplier < $1.supplier }, rules: [],
                notes: [
                    "From Portvakt's durable state: requests are counted by the hour; would_throttle counts the "
                        + "requests refused by a limit and those a shadow rule would have refused."
                ])
        }
    }
}
