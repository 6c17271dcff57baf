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
                "from": ThrottleReport.UsageHour.start(of: from), "until": until, "supplier": only,
            ]
            var suppliers: [String: ThrottleReport.Supplier] = [:]
            func entry(_ name: String) -> ThrottleReport.Supplier {
                suppliers[name] ?? ThrottleReport.Supplier(supplier: name)
            }

            // In key order (supplier, hour, product), so each supplier's hours come together and the products
            // of one hour one after another: summed here as they come, in place. Letting SQLite sum them
            // (GROUP BY with a SUM per decision) took five times as long as reading the rows.
            let usage = try Row.fetchCursor(
                db,
                sql: """
                    SELECT supplier, hour, allowed, shadow, throttled, blocked, maintenance
                    FROM usage WHERE hour >= :from AND hour < :until\(filter)
                    ORDER BY supplier, hour
                    """, arguments: StatementArguments(arguments))
            var current: ThrottleReport.Supplier?
            while let row = try usage.next() {
                let name: String = row[0]
                if current?.supplier != name {
                    if let done = current { suppliers[done.supplier] = done }
                    current = entry(name)
                }
                let hour: Int64 = row[1]
                let (allowed, shadow, throttled, blocked, other): (Int, Int, Int, Int, Int) = (
                    row[2], row[3], row[4], row[5], row[6]
                )
                let requests = allowed + shadow + throttled + blocked + other
                if current!.usage.last?.hour != hour {
                    current!.usage.append(.init(hour: hour, requests: 0, allowed: 0, throttled: 0, blocked: 0))
                }
                let last = current!.usage.count - 1
                current!.usage[last].requests += requests
                current!.usage[last].allowed += allowed + shadow
                current!.usage[last].throttled += throttled
                current!.usage[last].blocked += blocked
                current!.requests += requests
                current!.allowed += allowed + shadow
                current!.throttled += throttled
                current!.blocked += blocked
                current!.wouldThrottle += throttled + shadow
            }
            if let done = current { suppliers[done.supplier] = done }

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
