import Testing

@testable import PortvaktConfig

@Suite struct IdentityTests {
    @Test func defaultsToTheContract() {
        let identity = PortvaktConfiguration.Identity.default
        #expect(identity.jwks == ["Config/keys/test-issuer.jwks.json"])
        #expect(identity.issuers == ["https://test.maskinporten.no/"])
        #expect(identity.onInvalidToken == .anonymous)
    }

    @Test func readsListsOrSingleValues() throws {
        let identity = try parsed(
            """
            identity:
              jwks: keys/one.json
              issuers: [https://maskinporten.no/, https://test.maskinporten.no/]
              on_invalid_token: reject
            """
        ).identity
        #expect(identity.jwks == ["keys/one.json"])
        #expect(identity.issuers == ["https://maskinporten.no/", "https://test.maskinporten.no/"])
        #expect(identity.onInvalidToken == .reject)
    }

    @Test func reportsAnUnknownPolicy() {
        #expect(
            problems("identity: { on_invalid_token: rejekt }") == [
                "portvakt.yaml:1:31: invalid policy 'rejekt': expected one of anonymous, reject "
                    + "(did you mean 'reject'?)"
            ])
    }
}
