import PortvaktCore

extension ThrottleReport.Supplier {
    /// Adds one request made at `time` to its hour: `allowed`, `throttled` or `blocked` as decided (none of
    /// them for a request that was neither, such as one in a maintenance window). Requests come roughly in
    /// time order (a log written by several threads), so the hour is almost always the last one or new.
    public mutating func countUsage(
        at time: Int64, allowed: Bool = false, throttled: Bool = false, blocked: Bool = false
    ) {
        let hour = ThrottleReport.UsageHour.start(of: time)
        let index: Int
        if let last = usage.last, last.hour == hour {
            index = usage.count - 1
        } else if let found = usage.lastIndex(where: { $0.hour <= hour }), usage[found].hour == hour {
            index = found
        } else {
            index = usage.firstIndex { $0.hour > hour } ?? usage.count
            usage.insert(.init(hour: hour, requests: 0, allowed: 0, throttled: 0, blocked: 0), at: index)
        }
        usage[index].requests += 1
        if allowed { usage[index].allowed += 1 }
        if throttled { usage[index].throttled += 1 }
        if blocked { usage[index].blocked += 1 }
    }

    /// Takes the standing seen at `time`: when it differs from the last stretch, that stretch ends (at the
    /// new one's start, or its own end if earlier) and a new one begins.
    public mutating func noteStanding(_ standing: SupplierSanction.Standing?, at time: Int64, reason: String? = nil) {
        let last = sanctions.last
        if let standing, let last, last.level == standing.level, last.since == standing.since,
            last.isManual == standing.isManual
        {
            return
        }
        if standing == nil, last == nil || last!.until.map({ $0 <= time }) == true { return }
        let begins = standing?.since ?? time
        if let last, last.until.map({ $0 > begins }) ?? true {
            sanctions[sanctions.count - 1].until = begins
        }
        if let standing {
            sanctions.append(
                .init(
                    level: standing.level, since: standing.since, until: standing.until, isManual: standing.isManual,
                    reason: standing.isManual ? reason : nil))
        }
    }
}
