import Foundation
import PortvaktIdentity
import PortvaktSimulation
import PortvaktTestSupport
import Testing

@Suite struct TokenVerifierTests {
    let verifier = IdentityFixture.verifier()
    let issuer = IdentityFixture.issuer

    func verify(_ token: String, now: Int64 = IdentityFixture.now) -> Result<SupplierIdentity, TokenRejection> {
        verifier.verify(token[...], now: now)
    }

    func rejection(_ token: String, now: Int64 = IdentityFixture.now) -> TokenRejection? {
        guard case .failure(let rejection) = verify(token, now: now) else { return nil }
        return rejection
    }

    func plainToken(times: String = IdentityFixture.standardTimes, algorithm: TestTokenIssuer.Algorithm = .rs256)
        -> String
    {
        issuer.token(claimsJSON: IdentityFixture.maskinportenClaims(times: times), algorithm: algorithm)
    }

    @Test func expiryIsEnforcedWithTheLeeway() {
        let token = plainToken()
        #expect(rejection(token, now: 1_760_000_119) == nil)
        #expect(rejection(token, now: 1_760_000_149) == nil, "within 30 s of leeway")
        #expect(rejection(token, now: 1_760_000_150) == .expired)
        #expect(IdentityFixture.verifier(leewaySeconds: 0).verify(token[...], now: 1_760_000_120) == .failure(.expired))
    }

    @Test func notBeforeAndIssuedAtInTheFutureAreNotYetValid() {
        let notBefore = plainToken(times: #""nbf":1760000100,"exp":1760000200"#)
        #expect(rejection(notBefore, now: 1_760_000_069) == .notYetValid)
        #expect(rejection(notBefore, now: 1_760_000_070) == nil, "within 30 s of leeway")
        let issuedLater = plainToken(times: #""iat":1760000100,"exp":1760000200"#)
        #expect(rejection(issuedLater, now: 1_760_000_069) == .notYetValid)
        #expect(rejection(issuedLater, now: 1_760_000_070) == nil)
    }

    @Test func tokenWithoutExpiryIsRejected() {
        #expect(rejection(plainToken(times: #""iat":1760000000"#)) == .missingClaims)
    }

    @Test func absurdNumericDatesNeitherTrapNorPass() {
        #expect(rejection(plainToken(times: #""exp":9223372036854775807"#)) == nil)
        #expect(rejection(plainToken(times: #""exp":1e300"#)) == .malformed)
        #expect(rejection(plainToken(times: #""exp":-9223372036854775808"#)) == .expired)
    }

    @Test func fractionalNumericDatesAreAccepted() {
        #expect(rejection(plainToken(times: #""iat":1760000000.5,"exp":1760000120.9"#)) == nil)
    }

    @Test func payloadChangedAfterSigningFailsTheSignature() {
        for algorithm in TestTokenIssuer.Algorithm.allCases {
            let parts = plainToken(algorithm: algorithm).split(separator: ".")
            let forgedClaims = IdentityFixture.maskinportenClaims(consumer: "0192:313999998")
            let forged = [String(parts[0]), TestTokenIssuer.base64URL(Data(forgedClaims.utf8)), String(parts[2])]
                .joined(separator: ".")
            #expect(rejection(forged) == .badSignature)
        }
    }

    @Test func tokenSignedWithAnotherKeyUnderAKnownKidFails() throws {
        let impostor = OtherTestIssuers.first.withKeyIDs(rsa: "test-rsa-1", ec: "test-ec-1")
        for algorithm in TestTokenIssuer.Algorithm.allCases {
            let token = impostor.token(claimsJSON: IdentityFixture.maskinportenClaims(), algorithm: algorithm)
            #expect(rejection(token) == .badSignature)
        }
    }

    @Test func unknownOrMissingKidIsAnUnknownKey() {
        let claims = IdentityFixture.maskinportenClaims()
        #expect(
            rejection(
                issuer.token(headerJSON: #"{"alg":"RS256","kid":"nope"}"#, claimsJSON: claims, signingWith: .rs256))
                == .unknownKey)
        #expect(
            rejection(issuer.token(headerJSON: #"{"alg":"RS256"}"#, claimsJSON: claims, signingWith: .rs256))
                == .unknownKey)
    }

    @Test func algorithmMustFitTheKeyType() {
        let token = issuer.token(
            headerJSON: #"{"alg":"ES256","kid":"test-rsa-1"}"#, claimsJSON: IdentityFixture.maskinportenClaims(),
            signingWith: .es256)
        #expect(rejection(token) == .keyAlgorithmMismatch)
    }

    @Test func algNoneIsRefused() {
        let header = TestTokenIssuer.base64URL(Data(#"{"alg":"none","kid":"test-rsa-1"}"#.utf8))
        let payload = TestTokenIssuer.base64URL(Data(IdentityFixture.maskinportenClaims().utf8))
        #expect(rejection("\(header).\(payload).") == .unsupportedAlgorithm)
    }

    @Test func hs256WithThePublicKeyAsSecretIsRefused() throws {
        // The classic confusion attack: HMAC keyed with the (public) JWKS bytes.
        let header = TestTokenIssuer.base64URL(Data(#"{"alg":"HS256","kid":"test-rsa-1"}"#.utf8))
        let payload = TestTokenIssuer.base64URL(Data(IdentityFixture.maskinportenClaims().utf8))
        let secret = try Data(contentsOf: URL(fileURLWithPath: IdentityFixture.publicJWKSPath))
        let mac = HMACSHA256Test.mac(Data("\(header).\(payload)".utf8), key: secret)
        #expect(rejection("\(header).\(payload).\(TestTokenIssuer.base64URL(mac))") == .unsupportedAlgorithm)
    }

    @Test func criticalHeaderExtensionsAreRefused() {
        let token = issuer.token(
            headerJSON: #"{"alg":"RS256","kid":"test-rsa-1","crit":["exp"],"exp":1}"#,
            claimsJSON: IdentityFixture.maskinportenClaims(), signingWith: .rs256)
        #expect(rejection(token) == .unsupportedAlgorithm)
    }

    @Test func issuerMustMatchExactly() {
        for untrusted in ["https://maskinporten.no", "https://evil.example/", "HTTPS://MASKINPORTEN.NO/"] {
            #expect(
                rejection(issuer.token(claimsJSON: IdentityFixture.maskinportenClaims(issuer: untrusted)))
                    == .untrustedIssuer)
        }
        #expect(
            rejection(issuer.token(claimsJSON: #"{"consumer":{"ID":"0192:312345676"},"exp":1760000120}"#))
                == .untrustedIssuer)
    }

    @Test(arguments: [
        "", "abc", "a.b", "a.b.c.d", "!!.e30.", "e30.!!.", "e30.e30.!!", "bm90IGpzb24.e30.AA",
        String(repeating: "A", count: 20_000) + ".e30.AA",
    ])
    func malformedTokensAreMalformed(token: String) {
        #expect(rejection(token) == .malformed)
    }

    @Test func signedPayloadThatIsNotJSONOrHasWrongClaimTypesIsMalformed() {
        #expect(rejection(issuer.token(claimsJSON: "not json")) == .malformed)
        #expect(rejection(issuer.token(claimsJSON: #"{"iss":"https://maskinporten.no/","exp":"soon"}"#)) == .malformed)
        #expect(
            rejection(
                issuer.token(
                    claimsJSON: #"{"iss":"https://maskinporten.no/","consumer":"0192:312345676","exp":1760000120}"#))
                == .malformed)
    }

    @Test func rejectionDescriptionsNeverEchoTheToken() {
        let token = issuer.token(claimsJSON: IdentityFixture.idportenClaims, algorithm: .es256)
        for rejection in TokenRejection.allCases {
            #expect(!rejection.description.contains(token))
            #expect(!rejection.description.contains(IdentityFixture.personNumber))
            #expect(!rejection.rawValue.contains(" "))
        }
    }
}
