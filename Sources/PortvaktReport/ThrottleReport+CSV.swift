import PortvaktCore

extension ThrottleReport {
    /// The columns of `csvText`, in order: the union of every record's fields.
    public static let csvColumns = CSVColumn.ordered.map(\.rawValue)

    /// The report as one RFC 4180 CSV file (CRLF line ends, fields with `,` `"` CR or LF quoted, quotes
    /// doubled): a header row of `csvColumns`, then one row per record, its kind in the first column —
    /// `report` (its `since` and `until` are the report's `from` and `until`), per supplier a `supplier` row
    /// followed by its `violation`, `usage`, `sanction` and `notice` rows, then a `rule` row per rule that
    /// refused and a `note` row per note. A field a record does not have is empty; so is a figure the rule
    /// does not measure. Numbers, times and booleans are written as in the JSON.
    public var csvText: String {
        // A usage row, the most common, takes about 90 bytes.
        var csv = CSVWriter(reservingCapacity: 4096 + suppliers.reduce(0) { $0 + 400 + $1.usage.count * 96 })
        csv.writeHeader()
        csv.begin("report")
        csv.time(.since, from)
        csv.time(.until, until)
        csv.end()
        for supplier in suppliers {
            let name = supplier.supplier
            csv.begin("supplier", supplier: name)
            csv.number(.requests, supplier.requests)
            csv.number(.allowed, supplier.allowed)
            csv.number(.throttled, supplier.throttled)
            csv.number(.blocked, supplier.blocked)
            csv.number(.wouldThrottle, supplier.wouldThrottle)
            csv.text(.level, supplier.level?.rawValue)
            csv.end()
            for violation in supplier.violations {
                csv.begin("violation", supplier: name)
                csv.number(.requests, violation.requests)
                csv.text(.rule, violation.rule)
                csv.text(.product, violation.product)
                csv.text(.route, violation.route)
                csv.number(.customers, violation.customers)
                csv.figure(.medianIntervalSeconds, violation.medianIntervalSeconds)
                csv.figure(.unchangedRatio, violation.unchangedRatio)
                csv.time(.firstSeen, violation.firstSeen)
                csv.time(.lastSeen, violation.lastSeen)
                csv.text(.advice, violation.advice)
                csv.figure(.periodicity, violation.periodicity)
                csv.flag(.advisory, violation.isAdvisory)
                csv.end()
            }
            for hour in supplier.usage {
                csv.begin("usage", supplier: name)
                csv.number(.requests, hour.requests)
                csv.number(.allowed, hour.allowed)
                csv.number(.throttled, hour.throttled)
                csv.number(.blocked, hour.blocked)
                csv.time(.hour, hour.hour)
                csv.end()
            }
            for period in supplier.sanctions {
                csv.begin("sanction", supplier: name)
                csv.text(.level, period.level.rawValue)
                csv.time(.since, period.since)
                csv.time(.until, period.until)
                csv.flag(.manual, period.isManual)
                csv.text(.reason, period.reason)
                csv.end()
            }
            for notice in supplier.cutoffNotices {
                csv.begin("notice", supplier: name)
                csv.time(.since, notice.since)
                csv.time(.until, notice.until)
                csv.text(.sections, notice.sections.joined(separator: " "))
                csv.text(.text, notice.text)
                csv.end()
            }
        }
        for rule in rules {
            csv.begin("rule")
            csv.text(.rule, rule.rule)
            csv.flag(.shadow, rule.shadow)
            csv.number(.refusals, rule.refusals)
            csv.end()
        }
        for note in notes {
            csv.begin("note")
            csv.text(.text, note)
            csv.end()
        }
        return String(decoding: csv.bytes, as: UTF8.self)
    }
}
