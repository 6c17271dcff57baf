import Foundation
import PortvaktIdentity
import PortvaktSimulation

/// The committed test issuer, ALTINN.md §4's example payloads and a verifier that trusts them.
enum IdentityFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let publicJWKSPath = repositoryRoot.appendingPathComponent("Config/keys/test-issuer.jwks.json").path
    static let issuer = try! TestTokenIssuer(
        privateJWKS: Data(
            contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/keys/test-issuer.private.jwks.json")))

    static let supplier = "312345676"
    static let customer = "313999998"
    static let clientID = "5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e"
    /// A synthetic (Tenor-style) identity number; it must never appear in an identity.
    static let personNumber = "03864299708"
    static let pseudonymKey = "fixture-pseudonym-key"
    /// Inside every example token's lifetime (`iat` 1760000000, `exp` 1760000120).
    static let now: Int64 = 1_760_000_060

    static let maskinportenIssuer = "https://maskinporten.no/"
    static let altinnIssuer = "https://platform.altinn.no/authentication/api/v1/openid/"

    static func verifier(keys: JSONWebKeySet? = nil, leewaySeconds: Int64 = 30) -> TokenVerifier {
        TokenVerifier(
            keys: keys ?? (try! JSONWebKeySet.load(files: [publicJWKSPath])),
            issuers: [maskinportenIssuer, "https://idporten.no", altinnIssuer, "https://test.maskinporten.no/"],
            pseudonymizer: Pseudonymizer(key: pseudonymKey), leewaySeconds: leewaySeconds)
    }

    /// Example 1: plain Maskinporten.
    static func maskinportenClaims(
        issuer: String = maskinportenIssuer, consumer: String = "0192:312345676", times: String = standardTimes
    ) -> String {
        """
        {"iss":"\(issuer)","client_amr":"private_key_jwt","token_type":"Bearer","scope":"altinn:broker.read",\
        "client_id":"\(clientID)","consumer":{"authority":"iso6523-actorid-upis","ID":"\(consumer)"},\
        \(times),"jti":"k3Jd8fXq0pLwz9vT"}
        """
    }

    static let standardTimes = #""iat":1760000000,"exp":1760000120"#

    /// Example 2: Maskinporten, the supplier acting through Altinn API delegation.
    static let delegatedClaims = """
        {"iss":"https://maskinporten.no/","client_amr":"private_key_jwt","token_type":"Bearer",\
        "scope":"skatteetaten:example.read","client_id":"\(clientID)","client_orgno":"312345676","aud":"unspecified",\
        "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:313999998"},\
        "supplier":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},"delegation_source":"https://www.altinn.no/",\
        "iat":1760000000,"exp":1760000120,"jti":"faulA3FDWRqpd59C"}
        """

    /// Example 3: a Maskinporten system-user token; `idKey` is how `systemuser_org` spells its identifier.
    static func systemUserClaims(idKey: String = "ID") -> String {
        """
        {"iss":"https://maskinporten.no/","client_amr":"private_key_jwt","token_type":"Bearer",\
        "scope":"digdir:dialogporten altinn:correspondence.read","client_id":"\(clientID)",\
        "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},\
        "authorization_details":[{"type":"urn:altinn:systemuser","systemuser_id":["ebe4a681-0a8c-429e-a36f-8f9ca942b59f"],\
        "systemuser_org":{"authority":"iso6523-actorid-upis","\(idKey)":"0192:313999998"},\
        "system_id":"312345676_regnskap123"}],"iat":1760000000,"exp":1760000120,"jti":"-SpfU--1Zn_Oqvkp"}
        """
    }

    /// Example 4: token 3 after Altinn's exchange.
    static let altinnSystemUserClaims = """
        {"token_type":"Bearer","scope":"digdir:dialogporten altinn:correspondence.read","client_id":"\(clientID)",\
        "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},\
        "authorization_details":[{"type":"urn:altinn:systemuser","systemuser_id":["ebe4a681-0a8c-429e-a36f-8f9ca942b59f"],\
        "systemuser_org":{"authority":"iso6523-actorid-upis","ID":"0192:313999998"},"system_id":"312345676_regnskap123"}],\
        "jti":"-SpfU--1Zn_Oqvkp","urn:altinn:orgNumber":"312345676","urn:altinn:authenticatemethod":"maskinporten",\
        "urn:altinn:authlevel":3,"iss":"\(altinnIssuer)","sid":"0d3b6f0e-1111-2222-3333-444455556666",\
        "nbf":1760000005,"iat":1760000005,"exp":1760001805}
        """

    /// Example 5: an ID-porten token carrying the person's number in `pid`.
    static let idportenClaims = """
        {"iss":"https://idporten.no","sub":"pairwise-sub-value","pid":"\(personNumber)","acr":"idporten-loa-high",\
        "amr":["BankID"],"client_id":"3f0e9a8b-1c2d-4e5f-8a9b-0c1d2e3f4a5b","client_amr":"private_key_jwt",\
        "aud":"unspecified","consumer":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},\
        "scope":"digdir:dialogporten altinn:instances.read","iat":1760000000,"exp":1760000120,"jti":"pT9xW2"}
        """
}
