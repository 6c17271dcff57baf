import Foundation
import PortvaktCore
import PortvaktSimulation
import Testing

/// Limits as a supplier meets them on the wire (contract §3): the draft-10 fields on every answer, and a
/// `429` problem that names the rule when the bucket is empty.
@Suite struct ProxyLimitsTests {
    private static func rule(
        _ name: String, burst: Int, count: Int64, seconds: Int64, match: RateLimitRule.Match = .init(),
        shadow: Bool = false
    ) -> RateLimitRule {
        RateLimitRule(
            name: name, match: match, key: .supplier,
            policy: TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: seconds * 1_000_000_000)!,
            shadow: shadow)
    }

    @Test func answersCarryTheFieldsAndAnEmptyBucketGetsA429ProblemThatNamesTheRule() async throws {
        var options = ProxyFixture.Options()
        options.limits = [
            Self.rule("dialogporten-default", burst: 2, count: 120, seconds: 3600, match: .init(product: .dialogporten))
        ]
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let search = "/dialogporten/api/v1/enduser/dialogs"
            let started = ContinuousClock.now
            let first = try await client.send("GET", search)
            let second = try await client.send("GET", search)
            let refused = try await client.send("GET", search)
            // Whole seconds the three took, rounded up: the later answers' times count down by as much (a loaded
            // machine once took over two).
            let elapsed = Int((ContinuousClock.now - started).components.seconds) + 1
            let emptyFields = (60 - elapsed...60).map { #""dialogporten-default";r=0;t="# + String($0) }
            let unlimited = try await client.send("GET", "/_test/echo")

            #expect(first.status == 200)
            #expect(first.header("ratelimit-policy") == #""dialogporten-default";q=120;w=3600"#)
            #expect(first.header("ratelimit") == #""dialogporten-default";r=1;t=30"#)
            #expect(emptyFields.contains(second.header("ratelimit") ?? ""))

            #expect(refused.status == 429)
            // 30 s for the next token and 60 s to full, less the time since the first request.
            #expect((30 - elapsed...30).map(String.init).contains(refused.header("retry-after") ?? ""))
            #expect(refused.header("content-type") == "application/problem+json")
            #expect(emptyFields.contains(refused.header("ratelimit") ?? ""))
            let problem = try #require(
                try JSONSerialization.jsonObject(with: Data(refused.body)) as? [String: Any])
            #expect(problem["type"] as? String == "https://iana.org/assignments/http-problem-types#quota-exceeded")
            #expect(problem["status"] as? Int == 429)
            #expect(problem["violated-policies"] as? [String] == ["dialogporten-default"])
            #expect((problem["detail"] as? String)?.contains("'dialogporten-default' (120 requests per 3600 s") == true)

            #expect(unlimited.status == 200)
            #expect(unlimited.header("ratelimit") == nil)

            let lines = try proxy.accessLogRecords()
            #expect(lines.map { $0.string("decision") } == ["allowed", "allowed", "throttled", "allowed"])
            #expect(lines[2].string("rule") == "dialogporten-default")
            #expect(lines[2].int("status") == 429)
            #expect(lines.allSatisfy { $0.string("supplier") == "anonymous" })
        }
    }

    /// A refused request is answered by the proxy alone: the upstream never hears of it.
    @Test func aRefusedRequestNeverReachesTheUpstream() async throws {
        var options = ProxyFixture.Options()
        options.limits = [Self.rule("one", burst: 1, count: 1, seconds: 3600)]
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let upload = Array(repeating: UInt8(ascii: "x"), count: 10)
            #expect(try await client.send("POST", "/_test/echo", body: upload).status == 200)
            let refused = try await client.send("POST", "/_test/echo", body: upload)
            #expect(refused.status == 429)
            #expect(proxy.standIn.requestsServed == 1)
        }
    }

    @Test func aShadowRuleNeverRefusesButTheLogSaysItWould() async throws {
        var options = ProxyFixture.Options()
        options.limits = [Self.rule("trial", burst: 1, count: 1, seconds: 3600, shadow: true)]
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let answers = [
                try await client.send("GET", "/_test/echo"), try await client.send("GET", "/_test/echo"),
            ]
            #expect(answers.map(\.status) == [200, 200])
            #expect(answers.allSatisfy { $0.header("ratelimit") == nil })
            let lines = try proxy.accessLogRecords()
            #expect(lines.map { $0.string("decision") } == ["allowed", "shadow"])
            #expect(lines[1].string("rule") == "trial")
        }
    }
}
