import Foundation
import PortvaktCore
import PortvaktIdentity
import PortvaktServer
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// Who the proxy takes a request to be from, end to end: verified bearer tokens name the supplier and customer
/// that limits key on and the access log records; anything else is `anonymous`, or 401 when so configured.
@Suite struct ProxyIdentityTests {
    private static let issuer = OtherTestIssuers.first
    private static let issuerURL = "https://test.maskinporten.no/"
    /// A synthetic (Tenor-style) national identity number: it must never reach the access log.
    private static let personNumber = "03864299708"

    private static func identity(rejectsInvalidTokens: Bool = false) throws -> IdentityPolicy {
        IdentityPolicy(
            verifier: TokenVerifier(
                keys: try JSONWebKeySet(data: issuer.publicJWKS, source: "test"), issuers: [issuerURL],
                pseudonymizer: Pseudonymizer(key: "test-key")),
            rejectsInvalidTokens: rejectsInvalidTokens)
    }

    private static func bearer(_ claims: String, algorithm: TestTokenIssuer.Algorithm = .rs256) -> [(String, String)] {
        [("Authorization", "Bearer " + issuer.token(claimsJSON: claims, algorithm: algorithm))]
    }

    private static func claims(consumer: String, extra: String = "") -> String {
        let expiry = Int(Date().timeIntervalSince1970) + 600
        return """
            {"iss":"\(issuerURL)","client_id":"client-\(consumer)","exp":\(expiry),"scope":"digdir:dialogporten",
             "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:\(consumer)"}\(extra)}
            """
    }

    private static let oneRequestPerHour = RateLimitRule(
        name: "hourly", key: .supplier,
        policy: TokenBucketPolicy(burst: 1, count: 1, periodNanoseconds: 3_600_000_000_000)!)

    @Test func eachVerifiedSupplierDrawsFromItsOwnBucketAndTheLogNamesIt() async throws {
        var options = ProxyFixture.Options()
        options.identity = try Self.identity()
        options.limits = [Self.oneRequestPerHour]
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let first = Self.bearer(Self.claims(consumer: "312345676"))
            let second = Self.bearer(Self.claims(consumer: "313999998"), algorithm: .es256)
            #expect(try await client.send("GET", "/_test/echo", headers: first).status == 200)
            #expect(try await client.send("GET", "/_test/echo", headers: first).status == 429)
            #expect(try await client.send("GET", "/_test/echo", headers: second).status == 200)
            #expect(try await client.send("GET", "/_test/echo").status == 200)

            let lines = try proxy.accessLogRecords()
            #expect(lines.map { $0.string("supplier") } == ["312345676", "312345676", "313999998", "anonymous"])
            #expect(lines.map { $0.string("decision") } == ["allowed", "throttled", "allowed", "allowed"])
            #expect(lines[0].string("customer") == "312345676")
            #expect(lines[0].string("client_id") == "client-312345676")
            #expect(lines[3].isNull("customer"))
        }
    }

    /// A forged token is served as anonymous: it never spends the quota of the supplier it names.
    @Test func aForgedOrExpiredTokenNeverSpendsTheNamedSuppliersQuota() async throws {
        var options = ProxyFixture.Options()
        options.identity = try Self.identity()
        options.limits = [Self.oneRequestPerHour]
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let genuine = Self.issuer.token(claimsJSON: Self.claims(consumer: "312345676"))
            let forger = OtherTestIssuers.second.withKeyIDs(rsa: Self.issuer.rsaKeyID, ec: Self.issuer.ecKeyID)
            let forged = forger.token(claimsJSON: Self.claims(consumer: "312345676"))
            let expired = Self.issuer.token(
                claimsJSON: Self.claims(consumer: "312345676").replacingOccurrences(
                    of: #""exp":\d+"#, with: #""exp":1700000000"#, options: .regularExpression))
            #expect(
                try await client.send("GET", "/_test/echo", headers: [("Authorization", "Bearer \(forged)")]).status
                    == 200)
            #expect(
                try await client.send("GET", "/_test/echo", headers: [("Authorization", "Bearer \(expired)")]).status
                    == 429)
            #expect(
                try await client.send("GET", "/_test/echo", headers: [("Authorization", "Bearer \(genuine)")]).status
                    == 200)
            let lines = try proxy.accessLogRecords()
            #expect(lines.map { $0.string("supplier") } == ["anonymous", "anonymous", "312345676"])
        }
    }

    @Test func anIDPortenPersonIsAPseudonymEverywhere() async throws {
        var options = ProxyFixture.Options()
        options.identity = try Self.identity()
        try await withProxy(options) { proxy in
            let claims = Self.claims(consumer: "312345676", extra: #","pid":"\#(Self.personNumber)""#)
            let answer = try await proxy.client().send("GET", "/_test/echo", headers: Self.bearer(claims))
            #expect(answer.status == 200)
            let lines = try proxy.accessLogRecords()
            #expect(lines.first?.string("customer") == Pseudonymizer(key: "test-key").pseudonym(for: Self.personNumber))
            #expect(lines.first?.string("customer")?.hasPrefix("fnr:") == true)
            let log = try String(contentsOfFile: proxy.accessLogPath, encoding: .utf8)
            #expect(!log.contains(Self.personNumber))
        }
    }

    @Test func onInvalidTokenRejectAnswers401AndForwardsNothing() async throws {
        var options = ProxyFixture.Options()
        options.identity = try Self.identity(rejectsInvalidTokens: true)
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let missing = try await client.send("GET", "/_test/echo")
            let garbage = try await client.send("GET", "/_test/echo", headers: [("Authorization", "Bearer a.b.c")])
            let basic = try await client.send("GET", "/_test/echo", headers: [("Authorization", "Basic dXNlcg==")])
            let valid = try await client.send(
                "GET", "/_test/echo", headers: Self.bearer(Self.claims(consumer: "312345676")))
            #expect([missing.status, garbage.status, basic.status, valid.status] == [Int]([401, 401, 401, 200]))
            #expect(missing.header("www-authenticate") == #"Bearer realm="portvakt""#)
            #expect(garbage.header("www-authenticate") == #"Bearer realm="portvakt", error="invalid_token""#)
            #expect(missing.header("content-type") == "application/problem+json")
            #expect(proxy.standIn.requestsServed == 1)
            let lines = try proxy.accessLogRecords()
            #expect(lines.map { $0.string("decision") } == ["blocked", "blocked", "blocked", "allowed"])
        }
    }
}
