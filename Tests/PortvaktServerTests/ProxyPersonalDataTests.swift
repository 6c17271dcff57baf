import Foundation
import PortvaktCore
import PortvaktIdentity
import PortvaktReplay
import PortvaktServer
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// Contract §6 end to end: identity numbers in a request's path, query or headers never reach the access log;
/// each is the same `fnr:` pseudonym the token verifier makes of an ID-porten `pid`, so series stay recognisable.
@Suite struct ProxyPersonalDataTests {
    private static let issuer = OtherTestIssuers.first
    private static let issuerURL = "https://test.maskinporten.no/"
    private static let pseudonymizer = Pseudonymizer(key: "personal-data-test-key")
    /// The end user in the token (synthetic, month + 80).
    private static let user = "03864299708"
    /// The person the request is about: a D-number, and a 2032 number whose first control digit leaves remainder 1.
    private static let party = "41010199946"
    private static let other = "30108299939"

    private static func identity() throws -> IdentityPolicy {
        IdentityPolicy(
            verifier: TokenVerifier(
                keys: try JSONWebKeySet(data: issuer.publicJWKS, source: "test"), issuers: [issuerURL],
                pseudonymizer: pseudonymizer),
            rejectsInvalidTokens: false)
    }

    private static func idPortenBearer() -> (String, String) {
        let expiry = Int(Date().timeIntervalSince1970) + 600
        let claims = """
            {"iss":"\(issuerURL)","client_id":"client-312345676","exp":\(expiry),"scope":"digdir:dialogporten",
             "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},"pid":"\(user)"}
            """
        return ("Authorization", "Bearer " + issuer.token(claimsJSON: claims, algorithm: .rs256))
    }

    private static let search = "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3A"

    @Test func numbersInPathsQueriesAndHeadersAreLoggedAsTheTokensPseudonym() async throws {
        var options = ProxyFixture.Options()
        options.identity = try Self.identity()
        try await withProxy(options) { proxy in
            let client = proxy.client()
            let headers = [
                Self.idPortenBearer(), ("X-Ai-InstanceOwnerIdentifier", "Person:\(Self.other)"),
                ("Altinn-AlternativeSubject", "/person/\(Self.other)"),
            ]
            let searched = try await client.send("GET", Self.search + Self.user, headers: headers)
            // The stand-in has no such resource (404): what matters is the log line.
            let echoed = try await client.send(
                "GET",
                "/_test/echo/\(Self.party)?onBehalfOf=urn:altinn:person:identifier-no:\(Self.other)"
                    + "&orgno=313999998",
                headers: headers)
            #expect(searched.status == 200)
            #expect(echoed.status == 404)

            let lines = try proxy.accessLogRecords()
            #expect(lines.count == 2)
            guard lines.count == 2 else { return }
            let user = Self.pseudonymizer.pseudonym(for: Self.user)
            #expect(lines[0].string("customer") == user)
            #expect(lines[0].string("path") == Self.search + user)
            #expect(
                lines[1].string("path")
                    == "/_test/echo/\(Self.pseudonymizer.pseudonym(for: Self.party))"
                    + "?onBehalfOf=urn:altinn:person:identifier-no:\(Self.pseudonymizer.pseudonym(for: Self.other))"
                    + "&orgno=313999998")
            let log = try String(contentsOfFile: proxy.accessLogPath, encoding: .utf8)
            for number in [Self.user, Self.party, Self.other] { #expect(!log.contains(number)) }
            #expect(!log.contains("Bearer") && !log.contains(Self.idPortenBearer().1.prefix(20)))
        }
    }

    @Test func aReplayOfTheLogStillFindsOnePersonsPollingSeries() async throws {
        var options = ProxyFixture.Options()
        options.identity = try Self.identity()
        try await withProxy(options) { proxy in
            let client = proxy.client()
            for _ in 0..<12 {
                let answer = try await client.send("GET", Self.search + Self.party, headers: [Self.idPortenBearer()])
                #expect(answer.status == 200)
            }
            let paths = try proxy.accessLogRecords().compactMap { $0.string("path") }
            #expect(paths == Array(repeating: Self.search + Self.pseudonymizer.pseudonym(for: Self.party), count: 12))

            let report = try AccessLogReplay.report(ofFile: proxy.accessLogPath, rules: RateLimitRuleSet(rules: []))
            let violations = report.suppliers.first { $0.supplier == "312345676" }?.violations ?? []
            let polling = violations.first { $0.rule == PollingViolation.rule }
            #expect(polling?.route == "dialogporten.enduser.dialogs.search")
            #expect(polling?.requests == 12)
        }
    }
}
