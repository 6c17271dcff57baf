import Foundation
import PortvaktCore
import PortvaktIdentity
import PortvaktServer
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// The sanction ladder as a supplier meets it (contract §3): a notice header, shrunk limits, a cut-off.
@Suite struct ProxySanctionTests {
    private static let issuer = OtherTestIssuers.first
    private static let supplier = "312345676"
    private static let hour: Int64 = 3_600_000_000_000

    private static func options(limits: [RateLimitRule] = []) throws -> (ProxyFixture.Options, SupplierLedger) {
        let ledger = SupplierLedger(
            ladder: SanctionLadder(
                steps: [.init(level: .notice, after: 1), .init(level: .throttle, after: 3, factor: 0.25)],
                windowNanoseconds: 24 * hour, recountNanoseconds: hour, forgiveAfterNanoseconds: 7 * 24 * hour))
        var options = ProxyFixture.Options()
        options.identity = IdentityPolicy(
            verifier: TokenVerifier(
                keys: try JSONWebKeySet(data: issuer.publicJWKS, source: "test"),
                issuers: ["https://test.maskinporten.no/"], pseudonymizer: Pseudonymizer(key: "k")),
            rejectsInvalidTokens: false)
        options.ledger = ledger
        options.limits = limits
        return (options, ledger)
    }

    private static var headers: [(String, String)] {
        [("Authorization", "Bearer " + issuer.maskinportenToken(supplier: supplier))]
    }

    private static var now: Int64 { Int64(Date().timeIntervalSince1970 * 1e9) }

    @Test func aSupplierOnNoticeGetsItsAnswersWithANotice() async throws {
        let (options, ledger) = try Self.options()
        try ledger.impose(.init(level: .notice, since: Self.now, until: nil, reason: "test"), on: Self.supplier)
        try await withProxy(options) { proxy in
            let answer = try await proxy.client().send("GET", "/_test/echo", headers: Self.headers)
            #expect(answer.status == 200)
            #expect(answer.header("portvakt-notice")?.contains("1.2.4") == true)
            let anonymous = try await proxy.client().send("GET", "/_test/echo")
            #expect(anonymous.header("portvakt-notice") == nil)
        }
    }

    @Test func aCutOffSupplierGets403WithRetryAfterAndNothingIsForwarded() async throws {
        let (options, ledger) = try Self.options()
        let until = Self.now + 2 * Self.hour
        try ledger.impose(.init(level: .cutoff, since: Self.now, until: until, reason: "incident"), on: Self.supplier)
        try await withProxy(options) { proxy in
            let answer = try await proxy.client().send("GET", "/_test/echo", headers: Self.headers)
            #expect(answer.status == 403)
            // Whole seconds until the cut-off ends, rounded up: at most two hours, at least what is left now.
            let retryAfter = Int64(answer.header("retry-after") ?? "") ?? 0
            #expect(((until - Self.now) / 1_000_000_000...7_200).contains(retryAfter))
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
            #expect(
                problem["type"] as? String == "https://iana.org/assignments/http-problem-types#abnormal-usage-detected")
            #expect((problem["detail"] as? String)?.contains("1.2.4") == true)
            #expect(proxy.standIn.requestsServed == 0)
            #expect(try proxy.accessLogRecords().map { $0.string("decision") } == ["blocked"])
            #expect(ledger.summaries(at: Self.now).first?.blocked == 1)
        }
    }

    @Test func aThrottledSupplierHasAQuarterOfItsLimit() async throws {
        let rule = RateLimitRule(
            name: "hourly", key: .supplier,
            policy: TokenBucketPolicy(burst: 8, count: 8, periodNanoseconds: Self.hour)!)
        let (options, ledger) = try Self.options(limits: [rule])
        try ledger.impose(.init(level: .throttle, since: Self.now, until: nil, reason: "test"), on: Self.supplier)
        try await withProxy(options) { proxy in
            let client = proxy.client()
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await client.send("GET", "/_test/echo", headers: Self.headers).status)
            }
            #expect(statuses == [200, 200, 429])
            let refused = try await client.send("GET", "/_test/echo", headers: Self.headers)
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(refused.body)) as? [String: Any])
            #expect(
                problem["type"] as? String == "https://iana.org/assignments/http-problem-types#abnormal-usage-detected")
            #expect(refused.header("ratelimit-policy") == #""hourly";q=2;w=3600"#)
            // Lifted: the supplier's own, full bucket.
            #expect(try ledger.lift(manualSanctionOf: Self.supplier, at: Self.now))
            let lifted = try await client.send("GET", "/_test/echo", headers: Self.headers)
            #expect(lifted.status == 200)
            #expect(lifted.header("ratelimit") == #""hourly";r=7;t=450"#)
        }
    }

    /// Contract §5 live: a supplier reading the same list again and again, with nothing new, is polling; the
    /// violation puts it on notice at once, and the admin API shows the evidence.
    @Test func aPollingSupplierIsPutOnNoticeAndTheAdminAPIShowsTheEvidence() async throws {
        var (options, _) = try Self.options()
        let ledger = SupplierLedger(
            ladder: SanctionLadder(
                steps: [.init(level: .notice, after: 1)], windowNanoseconds: 24 * Self.hour,
                recountNanoseconds: Self.hour, forgiveAfterNanoseconds: 7 * 24 * Self.hour),
            polling: PollingThresholds(minRequests: 4, maxIntervalNanoseconds: 60_000_000_000, unchangedRatio: 0.7))
        options.ledger = ledger
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let list = "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998"
            var notices: [Bool] = []
            for _ in 0..<6 {
                let answer = try await client.send("GET", list, headers: Self.headers)
                #expect(answer.status == 200)
                notices.append(answer.header("portvakt-notice") != nil)
            }
            // Four reads make a series; the fourth finds it polling, and every answer after carries the notice.
            #expect(notices == [false, false, false, false, true, true])

            let admin = try await AdminServer.start(
                host: "127.0.0.1", port: 0, api: AdminAPI(token: "t", ledger: ledger), group: proxy.group)
            let adminClient = SimulationClient(host: "127.0.0.1", port: admin.port, group: proxy.group)
            let answer = try await adminClient.send(
                "GET", "/admin/suppliers/\(Self.supplier)", headers: [("Authorization", "Bearer t")])
            try? await adminClient.close()
            await admin.close()
            let detail = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
            #expect(detail["level"] as? String == "notice")
            #expect(detail["requests"] as? Int == 6)
            let violations = try #require(detail["violations"] as? [[String: Any]])
            #expect(violations.count == 1)
            #expect(violations.first?["rule"] as? String == "1.2.4-polling")
            #expect(violations.first?["route"] as? String == "dialogporten.enduser.dialogs.search")
            #expect((violations.first?["advice"] as? String)?.isEmpty == false)
        }
    }

    /// Terms §7.1 live, with the rule allowed to escalate: pages fetched the way a browser does, outside the
    /// APIs, put the supplier on notice once they reach the threshold; the log marks them `browser_like`.
    @Test func aScrapingSupplierIsPutOnNoticeWhenTheRuleEscalates() async throws {
        var (options, _) = try Self.options()
        let ledger = SupplierLedger(
            ladder: SanctionLadder(
                steps: [.init(level: .notice, after: 1)], windowNanoseconds: 24 * Self.hour,
                recountNanoseconds: Self.hour, forgiveAfterNanoseconds: 7 * 24 * Self.hour),
            rules: .init(meldingOverview: nil, scraping: .init(minimum: 3, escalates: true)))
        options.ledger = ledger
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let browser = Self.headers + [("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")]
            var notices: [Bool] = []
            for _ in 0..<2 {
                notices.append(
                    try await client.send("GET", "/_test/echo", headers: Self.headers).header("portvakt-notice") != nil)
            }
            for _ in 0..<4 {
                notices.append(
                    try await client.send("GET", "/_test/echo", headers: browser).header("portvakt-notice") != nil)
            }
            // API-style requests do not count; the third page makes the finding, the next answer has the notice.
            #expect(notices == [false, false, false, false, false, true])
            let summary = try #require(ledger.summaries(at: Self.now).first)
            #expect(summary.standing?.level == .notice)
            #expect(summary.findings.map(\.rule) == ["7.1-scraping"])
            #expect(summary.findings.first?.isAdvisory == false)
            let logged = try proxy.accessLogRecords().map { $0.bool("browser_like") }
            #expect(logged == [false, false, true, true, true, true])
        }
    }
}
