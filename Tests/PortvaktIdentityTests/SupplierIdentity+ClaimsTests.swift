import PortvaktIdentity
import PortvaktSimulation
import Testing

/// Each token kind of ALTINN.md §4 names supplier and customer with different claims.
@Suite struct SupplierIdentityClaimsTests {
    let verifier = IdentityFixture.verifier()

    func identity(_ claims: String, algorithm: TestTokenIssuer.Algorithm = .rs256) throws -> SupplierIdentity {
        let token = IdentityFixture.issuer.token(claimsJSON: claims, algorithm: algorithm)
        return try verifier.verify(token[...], now: IdentityFixture.now).get()
    }

    @Test(arguments: TestTokenIssuer.Algorithm.allCases)
    func plainMaskinportenSupplierActsForItself(algorithm: TestTokenIssuer.Algorithm) throws {
        let identity = try identity(IdentityFixture.maskinportenClaims(), algorithm: algorithm)
        #expect(
            identity
                == SupplierIdentity(
                    supplier: IdentityFixture.supplier, customer: IdentityFixture.supplier,
                    clientID: IdentityFixture.clientID, kind: .maskinporten, expiresAt: 1_760_000_120))
    }

    @Test func delegationNamesTheSupplierInSupplierAndTheCustomerInConsumer() throws {
        let identity = try identity(IdentityFixture.delegatedClaims)
        #expect(identity.supplier == IdentityFixture.supplier)
        #expect(identity.customer == IdentityFixture.customer)
        #expect(identity.kind == .delegated)
        #expect(identity.clientID == IdentityFixture.clientID)
    }

    @Test(arguments: ["ID", "id", "Id"])
    func systemUserCustomerIsTheSystemUsersOrganization(idKey: String) throws {
        let identity = try identity(IdentityFixture.systemUserClaims(idKey: idKey))
        #expect(identity.supplier == IdentityFixture.supplier)
        #expect(identity.customer == IdentityFixture.customer)
        #expect(identity.kind == .systemUser)
    }

    @Test func idportenCustomerIsThePseudonymOfThePersonAndNeverTheNumber() throws {
        let identity = try identity(IdentityFixture.idportenClaims, algorithm: .es256)
        #expect(identity.supplier == IdentityFixture.supplier)
        #expect(identity.customer == Pseudonymizer(key: IdentityFixture.pseudonymKey).pseudonym(for: "03864299708"))
        #expect(identity.customer.hasPrefix("fnr:"))
        #expect(identity.kind == .idporten)
        #expect(identity.clientID == "3f0e9a8b-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
        #expect(!"\(identity)".contains(IdentityFixture.personNumber))
    }

    @Test func altinnExchangedTokenIsReadByTheRulesOfItsCopiedClaims() throws {
        let identity = try identity(IdentityFixture.altinnSystemUserClaims)
        #expect(identity.supplier == IdentityFixture.supplier)
        #expect(identity.customer == IdentityFixture.customer)
        #expect(identity.kind == .altinn)
        #expect(identity.expiresAt == 1_760_001_805)
    }

    @Test func altinnOrgNumberStandsInForAMissingConsumer() throws {
        let claims = """
            {"iss":"\(IdentityFixture.altinnIssuer)","client_id":"c","urn:altinn:orgNumber":"312345676",\
            "urn:altinn:authenticatemethod":"maskinporten","iat":1760000000,"exp":1760000120}
            """
        let identity = try identity(claims)
        #expect(identity.supplier == IdentityFixture.supplier)
        #expect(identity.customer == IdentityFixture.supplier)
        #expect(identity.kind == .altinn)
    }

    @Test func tokenWithoutConsumerIsRejectedForMissingClaims() {
        let claims = #"{"iss":"https://maskinporten.no/","client_id":"c","iat":1760000000,"exp":1760000120}"#
        #expect(throws: TokenRejection.missingClaims) { try identity(claims) }
    }

    @Test func systemUserWithoutItsOrganizationIsRejectedForMissingClaims() {
        let claims = """
            {"iss":"https://maskinporten.no/","consumer":{"ID":"0192:312345676"},\
            "authorization_details":[{"type":"urn:altinn:systemuser"}],"exp":1760000120}
            """
        #expect(throws: TokenRejection.missingClaims) { try identity(claims) }
    }

    @Test(arguments: ["0192:123456789", "0192:31234567", "312345676x", "0193:312345676"])
    func consumerThatIsNotAValidOrganizationNumberIsRejected(consumer: String) {
        #expect(throws: TokenRejection.invalidOrganizationNumber) {
            try identity(IdentityFixture.maskinportenClaims(consumer: consumer))
        }
    }

    @Test func bareOrganizationNumberIsAccepted() throws {
        #expect(try identity(IdentityFixture.maskinportenClaims(consumer: "312345676")).supplier == "312345676")
    }
}
