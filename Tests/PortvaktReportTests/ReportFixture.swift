import PortvaktReport

/// A report with two suppliers, one of them with a violation, and two rules that refused.
enum ReportFixture {
    /// 2026-11-24T06:00:00.810Z and 18:00:00.000Z.
    static let from: Int64 = 1_795_500_000_810_000_000
    static let until: Int64 = 1_795_543_200_000_000_000

    static let report = ThrottleReport(
        from: from, until: until,
        suppliers: [
            .init(supplier: "312345676", requests: 1234, allowed: 1200, throttled: 30, blocked: 4, wouldThrottle: 17),
            .init(
                supplier: "987654321", requests: 500, allowed: 500, wouldThrottle: 0, level: .notice,
                violations: [
                    .init(
                        rule: "1.2.4-polling", product: "dialogporten", route: "dialogporten.enduser.dialogs.search",
                        customers: 12, requests: 500, medianIntervalSeconds: 30, unchangedRatio: 0.96,
                        firstSeen: from, lastSeen: until, advice: "Subscribe to Altinn Events.")
                ]),
        ],
        rules: [
            .init(rule: "dialogporten-default", shadow: false, refusals: 15),
            .init(rule: "trial", shadow: true, refusals: 2),
        ],
        notes: ["The access log has no client addresses."])
}
