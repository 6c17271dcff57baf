import PortvaktCore

extension ThrottleReport {
    /// The report as one JSON object in the shape of CONTRACT.md §5, keys in the contract's order, plus
    /// `rules` (how often each rule refused) at the end, a violation's `periodicity` and `advisory` after
    /// its `advice` when they apply, and after each supplier's `violations` its hourly `usage`, its
    /// `sanctions` and the written `notices` of its cut-offs; times as RFC 3339 UTC with milliseconds.
    public var jsonText: String {
        // An hour of usage, most of a long report, takes under 100 bytes.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096 + suppliers.reduce(0) { $0 + 1024 + $1.usage.count * 100 })
        buffer.appendASCII("{\"from\":")
        buffer.appendRFC3339String(orNull: from)
        buffer.appendASCII(",\"until\":")
        buffer.appendRFC3339String(orNull: until)
        buffer.appendASCII(",\"suppliers\":[")
        for (index, supplier) in suppliers.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            supplier.appendJSON(to: &buffer)
        }
        buffer.appendASCII("],\"rules\":[")
        for (index, rule) in rules.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendASCII("{\"rule\":")
            buffer.appendJSONString(rule.rule)
            buffer.appendASCII(rule.shadow ? ",\"shadow\":true" : ",\"shadow\":false")
            buffer.appendASCII(",\"refusals\":")
            buffer.appendDecimal(rule.refusals)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.appendASCII("]}\n")
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension ThrottleReport.Supplier {
    fileprivate func appendJSON(to buffer: inout [UInt8]) {
        buffer.appendASCII("{\"supplier\":")
        buffer.appendJSONString(supplier)
        buffer.appendASCII(",\"requests\":")
        buffer.appendDecimal(requests)
        buffer.appendASCII(",\"allowed\":")
        buffer.appendDecimal(allowed)
        buffer.appendASCII(",\"throttled\":")
        buffer.appendDecimal(throttled)
        buffer.appendASCII(",\"blocked\":")
        buffer.appendDecimal(blocked)
        buffer.appendASCII(",\"would_throttle\":")
        buffer.appendDecimal(wouldThrottle)
        buffer.appendASCII(",\"level\":")
        buffer.appendJSONString(orNull: level?.rawValue)
        buffer.appendASCII(",\"violations\":[")
        for (index, violation) in violations.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            violation.appendJSON(to: &buffer)
        }
        buffer.appendASCII("],\"usage\":[")
        for (index, hour) in usage.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendASCII("{\"hour\":")
            buffer.appendRFC3339String(orNull: hour.hour)
            buffer.appendASCII(",\"requests\":")
            buffer.appendDecimal(hour.requests)
            buffer.appendASCII(",\"allowed\":")
            buffer.appendDecimal(hour.allowed)
            buffer.appendASCII(",\"throttled\":")
            buffer.appendDecimal(hour.throttled)
            buffer.appendASCII(",\"blocked\":")
            buffer.appendDecimal(hour.blocked)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.appendASCII("],\"sanctions\":[")
        for (index, period) in sanctions.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendASCII("{\"level\":")
            buffer.appendJSONString(period.level.rawValue)
            buffer.appendASCII(",\"since\":")
            buffer.appendRFC3339String(orNull: period.since)
            buffer.appendASCII(",\"until\":")
            buffer.appendRFC3339String(orNull: period.until)
            buffer.appendASCII(period.isManual ? ",\"manual\":true" : ",\"manual\":false")
            buffer.appendASCII(",\"reason\":")
            buffer.appendJSONString(orNull: period.reason)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.appendASCII("],\"notices\":[")
        for (index, notice) in cutoffNotices.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendASCII("{\"since\":")
            buffer.appendRFC3339String(orNull: notice.since)
            buffer.appendASCII(",\"until\":")
            buffer.appendRFC3339String(orNull: notice.until)
            buffer.appendASCII(",\"sections\":[")
            for (index, section) in notice.sections.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(section)
            }
            buffer.appendASCII("],\"text\":")
            buffer.appendJSONString(notice.text)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.appendASCII("]}")
    }
}

extension ThrottleReport.Violation {
    /// The violation as one JSON object in the shape of CONTRACT.md §5 (also what the admin API shows), with
    /// `periodicity` when measured and `"advisory":true` for a rule that is never sanctioned.
    public func appendJSON(to buffer: inout [UInt8]) {
        buffer.appendASCII("{\"rule\":")
        buffer.appendJSONString(rule)
        buffer.appendASCII(",\"product\":")
        buffer.appendJSONString(product)
        buffer.appendASCII(",\"route\":")
        buffer.appendJSONString(route)
        buffer.appendASCII(",\"customers\":")
        buffer.appendDecimal(customers)
        buffer.appendASCII(",\"requests\":")
        buffer.appendDecimal(requests)
        buffer.appendASCII(",\"median_interval_s\":")
        buffer.appendDecimal(roundingToThousandths: medianIntervalSeconds)
        buffer.appendASCII(",\"unchanged_ratio\":")
        buffer.appendDecimal(roundingToThousandths: unchangedRatio)
        buffer.appendASCII(",\"first_seen\":")
        buffer.appendRFC3339String(orNull: firstSeen)
        buffer.appendASCII(",\"last_seen\":")
        buffer.appendRFC3339String(orNull: lastSeen)
        buffer.appendASCII(",\"advice\":")
        buffer.appendJSONString(advice)
        if let periodicity {
            buffer.appendASCII(",\"periodicity\":")
            buffer.appendDecimal(roundingToThousandths: periodicity)
        }
        if isAdvisory { buffer.appendASCII(",\"advisory\":true") }
        buffer.append(UInt8(ascii: "}"))
    }
}

extension Array where Element == UInt8 {
    /// A decimal to three places, or `null` for a figure the rule does not measure.
    fileprivate mutating func appendDecimal(roundingToThousandths value: Double?) {
        guard let value else { return appendASCII("null") }
        appendDecimal(roundingToThousandths: value)
    }
}
