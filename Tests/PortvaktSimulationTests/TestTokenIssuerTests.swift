import Foundation
import PortvaktSimulation
import Testing

@Suite struct TestTokenIssuerTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func keyMembers(_ jwks: Data) throws -> [String: [String: String]] {
        let document = try JSONSerialization.jsonObject(with: jwks) as! [String: [[String: String]]]
        return Dictionary(uniqueKeysWithValues: document["keys"]!.map { ($0["kid"]!, $0) })
    }

    @Test func committedPrivateKeysAreTheHalvesOfTheCommittedPublicJWKS() throws {
        let issuer = try TestTokenIssuer(
            privateJWKS: Data(
                contentsOf: Self.repositoryRoot.appendingPathComponent(
                    "Tests/Fixtures/keys/test-issuer.private.jwks.json")))
        let committed = try keyMembers(
            Data(contentsOf: Self.repositoryRoot.appendingPathComponent("Config/keys/test-issuer.jwks.json")))
        #expect(issuer.rsaKeyID == "test-rsa-1")
        #expect(issuer.ecKeyID == "test-ec-1")
        #expect(try keyMembers(issuer.publicJWKS) == committed)
    }

    @Test func tokenIsThreeBase64URLPartsWithTheKeyOfItsAlgorithm() throws {
        let issuer = try TestTokenIssuer(rsaKeyID: "r", ecKeyID: "e")
        for (algorithm, kid) in [(TestTokenIssuer.Algorithm.rs256, "r"), (.es256, "e")] {
            let parts = issuer.token(claimsJSON: #"{"sub":"x"}"#, algorithm: algorithm).split(separator: ".")
            #expect(parts.count == 3)
            #expect(parts.allSatisfy { !$0.contains("=") && !$0.contains("+") && !$0.contains("/") })
            #expect(
                String(parts[0])
                    == TestTokenIssuer.base64URL(
                        Data(#"{"alg":"\#(algorithm.rawValue)","kid":"\#(kid)","typ":"at+jwt"}"#.utf8)))
            #expect(String(parts[1]) == TestTokenIssuer.base64URL(Data(#"{"sub":"x"}"#.utf8)))
        }
    }

    @Test func base64URLIsUnpaddedWithTheURLAlphabet() {
        #expect(TestTokenIssuer.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(TestTokenIssuer.base64URL(Data("{}".utf8)) == "e30")
    }

    @Test func privateJWKSWithoutACompleteRSAKeyIsRefused() throws {
        let onlyRSA = try JSONSerialization.data(withJSONObject: ["keys": [["kty": "RSA", "kid": "r"]]])
        #expect(throws: TestTokenIssuer.KeyError.missingKey(kty: "RSA")) { try TestTokenIssuer(privateJWKS: onlyRSA) }
    }
}
