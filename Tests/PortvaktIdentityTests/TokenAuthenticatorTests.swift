import PortvaktIdentity
import PortvaktSimulation
import Testing

@Suite struct TokenAuthenticatorTests {
    let token = IdentityFixture.issuer.token(claimsJSON: IdentityFixture.maskinportenClaims())
    let now = IdentityFixture.now

    var expected: SupplierIdentity {
        SupplierIdentity(
            supplier: "312345676", customer: "312345676", clientID: IdentityFixture.clientID, kind: .maskinporten,
            expiresAt: 1_760_000_120)
    }

    @Test func secondUseOfATokenIsAnsweredFromTheCache() {
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        #expect(authenticator.identify(authorization: "Bearer \(token)"[...], now: now) == .verified(expected))
        #expect(authenticator.identify(authorization: "Bearer \(token)"[...], now: now + 1) == .verified(expected))
        #expect(authenticator.verifications == 1)
    }

    @Test func cachedIdentityOutlivesItsKeyOnlyUntilTheTokenExpires() {
        // No keys at all: only the cache can answer, which proves that a hit does not verify again.
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        _ = authenticator.identify(authorization: "Bearer \(token)"[...], now: now)
        var keyless = TokenAuthenticator(verifier: IdentityFixture.verifier(keys: JSONWebKeySet()))
        #expect(keyless.identify(authorization: "Bearer \(token)"[...], now: now) == .invalid(.unknownKey))
        #expect(
            authenticator.identify(authorization: "Bearer \(token)"[...], now: 1_760_000_149) == .verified(expected))
        #expect(authenticator.identify(authorization: "Bearer \(token)"[...], now: 1_760_000_150) == .invalid(.expired))
        #expect(authenticator.verifications == 2)
    }

    @Test func rejectedTokensAreNeverCached() {
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        let parts = token.split(separator: ".")
        let forged = "\(parts[0]).\(parts[1]).\(parts[2].dropLast(4))AAAA"
        for _ in 0..<2 {
            #expect(authenticator.identify(authorization: "Bearer \(forged)"[...], now: now) == .invalid(.badSignature))
        }
        #expect(authenticator.verifications == 2)
        #expect(authenticator.cache.count == 0)
    }

    @Test(arguments: ["Bearer ", "bearer ", "BEARER  ", "\tBeArEr\t"])
    func bearerSchemeIsCaseInsensitive(prefix: String) {
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        #expect(authenticator.identify(authorization: "\(prefix)\(token) "[...], now: now) == .verified(expected))
    }

    @Test(arguments: ["Bearer tökén", "Bearer a.b.ç ", "Bëarer x", "Bearer \u{301}x"])
    func nonASCIIHeadersAreInvalidNotACrash(header: String) {
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        #expect(authenticator.identify(authorization: header[...], now: now) == .invalid(.malformed))
    }

    @Test func absentOrEmptyHeaderIsMissing() {
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        #expect(authenticator.identify(authorization: nil, now: now) == .missing)
        #expect(authenticator.identify(authorization: "  ", now: now) == .missing)
    }

    @Test(arguments: ["Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "Bearertoken", "Token abc", "Bearers x"])
    func otherSchemesAndEmptyCredentialsAreInvalid(header: String) {
        var authenticator = TokenAuthenticator(verifier: IdentityFixture.verifier())
        #expect(authenticator.identify(authorization: header[...], now: now) == .invalid(.malformed))
        #expect(authenticator.verifications == 0)
    }
}
