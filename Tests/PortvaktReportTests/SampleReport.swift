import PortvaktCore
import PortvaktReport

/// A week of four suppliers with every feature of the report: one clean and event-driven, one polling at
/// `notice`, one that climbed the ladder to an automatic cut-off (polling and scraping), and one cut off by an
/// operator with a reason that needs escaping. Hourly usage for all; the totals are the usage's sums.
enum SampleReport {
    static let hour: Int64 = 3_600_000_000_000
    /// 2026-11-20T00:00:00Z, a Friday.
    static let start: Int64 = 1_795_132_800_000_000_000
    static let hours = 7 * 24

    static func at(day: Int, hour: Int) -> Int64 { start + Int64(day * 24 + hour) * Self.hour }

    /// The operator's reason, with characters every rendering must escape in its own way.
    static let reason = #"incident 42: pages fetched "every 50 ms" & <no> back-off, ticket 7"#

    static let report = ThrottleReport(
        from: start + 810_000_000, until: at(day: 7, hour: 0) - 1_000_000,
        suppliers: [clean, polling, cutOff, manual],
        rules: [
            .init(rule: "dialogporten-default", shadow: false, refusals: 1_811),
            .init(rule: "broker-burst", shadow: true, refusals: 12),
        ],
        notes: ["The access log has no client addresses, so rules keyed by ip count per supplier."])

    /// Business hours busy, nights quiet; nothing refused.
    static let clean = supplier(
        "310000001", level: nil, violations: [], sanctions: [],
        usage: { day, hour in
            let working = (7..<17).contains(hour) && (day + 4) % 7 < 5 ? 1 : 0  // Monday to Friday
            let requests = 40 + working * (220 + (day * 37 + hour * 11) % 60)
            return (requests, 0, 0)
        })

    /// Polls a Dialogporten search every ten seconds around the clock; a few refusals by limit.
    static let polling = supplier(
        "312345676", level: .notice,
        violations: [
            .init(
                rule: "1.2.4-polling", product: "dialogporten", route: "dialogporten.enduser.dialogs.search",
                customers: 12, requests: 58_320, medianIntervalSeconds: 10.2, unchangedRatio: 0.964,
                firstSeen: start + 61_000_000_000, lastSeen: at(day: 6, hour: 23),
                advice: "Subscribe to Altinn Events for dialogporten.dialog.* instead of polling the dialog search.",
                periodicity: 0.91)
        ],
        sanctions: [.init(level: .notice, since: at(day: 0, hour: 2), until: nil, isManual: false, reason: nil)],
        usage: { day, hour in (350 + (day * 13 + hour * 7) % 25, (hour == 9 && day % 2 == 0) ? 14 : 0, 0) })

    /// Climbs notice → throttle → a 24-hour cut-off on day 2, then stands at throttle.
    static let cutOff = supplier(
        "987654321", level: .throttle,
        violations: [
            .init(
                rule: "1.2.4-polling", product: "correspondence", route: "correspondence.correspondence.list",
                customers: 212, requests: 101_880, medianIntervalSeconds: 3.5, unchangedRatio: 0.991,
                firstSeen: at(day: 1, hour: 6), lastSeen: at(day: 6, hour: 20),
                advice: "Subscribe to Altinn Events for app.correspondence.* and read new correspondence when told.",
                periodicity: 0.97),
            .init(
                rule: "7.1-scraping", product: "apps", route: "apps.app.home", customers: 3, requests: 640,
                medianIntervalSeconds: nil, unchangedRatio: nil, firstSeen: at(day: 1, hour: 22),
                lastSeen: at(day: 2, hour: 4),
                advice: "Use the app's API instead of its pages; screen scraping is a material breach."),
            .init(
                rule: "2.2-melding-overview", product: "correspondence", route: "correspondence.correspondence.list",
                customers: 212, requests: 4_200, medianIntervalSeconds: nil, unchangedRatio: nil,
                firstSeen: at(day: 1, hour: 6), lastSeen: at(day: 6, hour: 20),
                advice: "Read the overview from Dialogporten's dialog list (terms §2.2).", isAdvisory: true),
        ],
        sanctions: [
            .init(
                level: .notice, since: at(day: 1, hour: 7), until: at(day: 1, hour: 15), isManual: false, reason: nil),
            .init(
                level: .throttle, since: at(day: 1, hour: 15), until: at(day: 2, hour: 9), isManual: false, reason: nil),
            .init(level: .cutoff, since: at(day: 2, hour: 9), until: at(day: 3, hour: 9), isManual: false, reason: nil),
            .init(level: .throttle, since: at(day: 3, hour: 9), until: nil, isManual: false, reason: nil),
        ],
        usage: { day, hour in
            let time = at(day: day, hour: hour)
            let requests = day == 0 ? 120 : 900 + (day * 31 + hour * 17) % 160
            if time >= at(day: 2, hour: 9) && time < at(day: 3, hour: 9) { return (requests, 0, requests) }
            if time >= at(day: 1, hour: 15) { return (requests, requests / 3, 0) }
            return (requests, 0, 0)
        })

    /// Cut off by an operator on day 6 with no end set.
    static let manual = supplier(
        "313999998", level: .cutoff,
        violations: [
            .init(
                rule: "7.1-scraping", product: "apps", route: "apps.app.home", customers: 1, requests: 3_480,
                medianIntervalSeconds: nil, unchangedRatio: nil, firstSeen: at(day: 5, hour: 10),
                lastSeen: at(day: 5, hour: 15), advice: "Use the app's API instead of its pages.", isAdvisory: true)
        ],
        sanctions: [
            .init(level: .cutoff, since: at(day: 5, hour: 15), until: nil, isManual: true, reason: reason)
        ],
        usage: { day, hour in
            let time = at(day: day, hour: hour)
            let requests = 60 + (day * 7 + hour * 5) % 30 + (day == 5 && (10..<15).contains(hour) ? 700 : 0)
            return time >= at(day: 5, hour: 15) ? (requests / 4, 0, requests / 4) : (requests, 0, 0)
        })

    /// A supplier whose totals are the sums of its hours; `usage` gives requests, throttled and blocked.
    private static func supplier(
        _ name: String, level: SanctionLevel?, violations: [ThrottleReport.Violation],
        sanctions: [ThrottleReport.SanctionPeriod], usage: (Int, Int) -> (Int, Int, Int)
    ) -> ThrottleReport.Supplier {
        let hours = (0..<hours).map { index in
            let (requests, throttled, blocked) = usage(index / 24, index % 24)
            return ThrottleReport.UsageHour(
                hour: start + Int64(index) * hour, requests: requests, allowed: requests - throttled - blocked,
                throttled: throttled, blocked: blocked)
        }
        let throttled = hours.reduce(0) { $0 + $1.throttled }
        return .init(
            supplier: name, requests: hours.reduce(0) { $0 + $1.requests },
            allowed: hours.reduce(0) { $0 + $1.allowed },
            throttled: throttled, blocked: hours.reduce(0) { $0 + $1.blocked }, wouldThrottle: throttled + 3,
            level: level, violations: violations, usage: hours, sanctions: sanctions)
    }
}
