import Foundation
import PortvaktIdentity
import PortvaktSimulation
import PortvaktTestSupport
import Testing

@Suite struct JSONWebKeySetTests {
    func parse(_ json: String) throws(JSONWebKeySetError) -> JSONWebKeySet {
        try JSONWebKeySet(data: Data(json.utf8), source: "keys.json")
    }

    func problem(_ json: String) -> JSONWebKeySetError.Problem? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error.problem
        }
    }

    @Test func committedTestIssuerKeysLoadByKid() throws {
        let keys = try JSONWebKeySet.load(files: [IdentityFixture.publicJWKSPath])
        #expect(keys.key(id: "test-rsa-1")?.algorithm == .rs256)
        #expect(keys.key(id: "test-ec-1")?.algorithm == .es256)
        #expect(keys.key(id: "other") == nil)
    }

    @Test func issuersPublicJWKSParses() throws {
        let issuer = OtherTestIssuers.first.withKeyIDs(rsa: "r", ec: "e")
        let keys = try JSONWebKeySet(data: issuer.publicJWKS, source: "issuer")
        #expect(Set(keys.keys.keys) == ["r", "e"])
    }

    @Test func unreadableFileIsNamed() {
        #expect(throws: JSONWebKeySetError(source: "/nonexistent/keys.json", problem: .unreadable)) {
            try JSONWebKeySet.load(files: ["/nonexistent/keys.json"])
        }
    }

    @Test func errorsNameTheFileAndTheKey() {
        let error = JSONWebKeySetError(
            source: "Config/keys/a.json", problem: .unsupportedKeyType(keyID: "k1", kty: "oct"))
        #expect(
            error.description
                == #"Config/keys/a.json: key "k1": unsupported kty "oct" (supported: RSA for RS256, EC for ES256)"#)
    }

    @Test func badJSON() {
        #expect(problem("{not json") == .badJSON)
        #expect(problem(#"{"keys": {}}"#) == .badJSON)
        #expect(problem(#"{"other": []}"#) == .noKeysArray)
    }

    @Test func keyWithoutKidIsRefused() {
        #expect(problem(#"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#) == .missingKeyID(index: 0))
    }

    @Test func unsupportedTypesAndCurvesAreRefused() {
        #expect(
            problem(#"{"keys":[{"kty":"oct","kid":"h","k":"c2VjcmV0"}]}"#)
                == .unsupportedKeyType(keyID: "h", kty: "oct"))
        #expect(
            problem(#"{"keys":[{"kty":"EC","kid":"c","crv":"P-384","x":"AA","y":"AA"}]}"#)
                == .unsupportedCurve(keyID: "c", crv: "P-384"))
    }

    @Test func keysNotMeantForRS256OrES256SignaturesAreRefused() throws {
        let issuer = OtherTestIssuers.first.withKeyIDs(rsa: "r", ec: "e")
        var document = try JSONSerialization.jsonObject(with: issuer.publicJWKS) as! [String: [[String: String]]]
        document["keys"]![0]["use"] = "enc"
        let encryption = try JSONSerialization.data(withJSONObject: document)
        #expect(
            throws: JSONWebKeySetError(
                source: "s", problem: .notForSignatures(keyID: "r", detail: #"use "enc" is not "sig""#))
        ) {
            try JSONWebKeySet(data: encryption, source: "s")
        }
        document["keys"]![0]["use"] = "sig"
        document["keys"]![0]["alg"] = "ES256"
        let mismatched = try JSONSerialization.data(withJSONObject: document)
        #expect(
            throws: JSONWebKeySetError(
                source: "s", problem: .notForSignatures(keyID: "r", detail: #"alg "ES256" does not fit kty "RSA""#))
        ) {
            try JSONWebKeySet(data: mismatched, source: "s")
        }
    }

    @Test func keysThatDoNotParseAreRefused() {
        #expect(
            problem(#"{"keys":[{"kty":"RSA","kid":"r","e":"AQAB"}]}"#)
                == .invalidKey(keyID: "r", detail: #"missing "n""#))
        #expect(
            problem(#"{"keys":[{"kty":"RSA","kid":"r","n":"!!","e":"AQAB"}]}"#)
                == .invalidKey(keyID: "r", detail: #""n" is not base64url"#))
        let notOnCurve = TestTokenIssuer.base64URL(Data(repeating: 1, count: 32))
        #expect(
            problem(#"{"keys":[{"kty":"EC","kid":"c","crv":"P-256","x":"\#(notOnCurve)","y":"\#(notOnCurve)"}]}"#)
                == .invalidKey(keyID: "c", detail: "x and y are not a point on P-256"))
    }

    @Test func rsaKeysUnder2048BitsAreRefused() {
        let modulus1024 = TestTokenIssuer.base64URL([0xC1] + Data(repeating: 0x5F, count: 127))
        #expect(
            problem(#"{"keys":[{"kty":"RSA","kid":"small","n":"\#(modulus1024)","e":"AQAB"}]}"#)
                == .rsaKeyTooShort(keyID: "small", bits: 1024))
    }

    @Test func kidGivenTwiceAcrossFilesIsRefused() {
        let path = IdentityFixture.publicJWKSPath
        #expect(throws: JSONWebKeySetError(source: path, problem: .duplicateKeyID("test-rsa-1"))) {
            try JSONWebKeySet.load(files: [path, path])
        }
    }
}
