import Crypto
import Foundation
import _CryptoExtras

/// Mints signed JWTs the way Maskinporten, ID-porten and Altinn do (RS256 and ES256), for tests and the demo.
/// Holds one RSA-2048 and one P-256 private key, either fresh or the committed test-only pair
/// (`Tests/Fixtures/keys/test-issuer.private.jwks.json`, whose public half is `Config/keys/test-issuer.jwks.json`).
public struct TestTokenIssuer: Sendable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case rs256 = "RS256"
        case es256 = "ES256"
    }

    public enum KeyError: Error, Equatable {
        /// The private JWKS lacks an RSA or an EC key with all the members needed to sign.
        case missingKey(kty: String)
    }

    public let rsaKeyID: String
    public let ecKeyID: String
    private let rsaKey: _RSA.Signing.PrivateKey
    private let ecKey: P256.Signing.PrivateKey

    /// Fresh keys: an issuer that nothing configured trusts unless its `publicJWKS` is given to the verifier.
    public init(rsaKeyID: String = "fresh-rsa", ecKeyID: String = "fresh-ec") throws {
        self.rsaKeyID = rsaKeyID
        self.ecKeyID = ecKeyID
        self.rsaKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        self.ecKey = P256.Signing.PrivateKey()
    }

    /// The same keys under other key IDs: an impostor that signs as a trusted key's `kid` with a key of its own.
    public func withKeyIDs(rsa rsaKeyID: String, ec ecKeyID: String) -> TestTokenIssuer {
        TestTokenIssuer(rsaKeyID: rsaKeyID, ecKeyID: ecKeyID, rsaKey: rsaKey, ecKey: ecKey)
    }

    private init(rsaKeyID: String, ecKeyID: String, rsaKey: _RSA.Signing.PrivateKey, ecKey: P256.Signing.PrivateKey) {
        self.rsaKeyID = rsaKeyID
        self.ecKeyID = ecKeyID
        self.rsaKey = rsaKey
        self.ecKey = ecKey
    }

    /// The first RSA and the first EC key of a private JWKS (RFC 7518 §6: `n`, `e`, `d`, `p`, `q`; `d` for EC).
    public init(privateJWKS: Data) throws {
        let document = try JSONDecoder().decode(PrivateKeySet.self, from: privateJWKS)
        guard let rsa = document.keys.first(where: { $0.kty == "RSA" }),
            let n = rsa.bytes(\.n), let e = rsa.bytes(\.e), let d = rsa.bytes(\.d), let p = rsa.bytes(\.p),
            let q = rsa.bytes(\.q)
        else { throw KeyError.missingKey(kty: "RSA") }
        guard let ec = document.keys.first(where: { $0.kty == "EC" }), let ecD = ec.bytes(\.d) else {
            throw KeyError.missingKey(kty: "EC")
        }
        self.rsaKeyID = rsa.kid
        self.ecKeyID = ec.kid
        self.rsaKey = try _RSA.Signing.PrivateKey(n: n, e: e, d: d, p: p, q: q)
        self.ecKey = try P256.Signing.PrivateKey(rawRepresentation: ecD)
    }

    /// The public halves as a JWKS document, as a verifier would load it from a file.
    public var publicJWKS: Data {
        let primitives = try! rsaKey.publicKey.getKeyPrimitives()
        let point = ecKey.publicKey.rawRepresentation
        let keys: [[String: String]] = [
            [
                "kty": "RSA", "kid": rsaKeyID, "use": "sig", "alg": "RS256",
                "n": Base64URLText.encode(primitives.modulus), "e": Base64URLText.encode(primitives.publicExponent),
            ],
            [
                "kty": "EC", "kid": ecKeyID, "use": "sig", "alg": "ES256", "crv": "P-256",
                "x": Base64URLText.encode(point.prefix(32)), "y": Base64URLText.encode(point.suffix(32)),
            ],
        ]
        return try! JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys])
    }

    /// A compact JWS of `claimsJSON` (a JSON object, used byte for byte) with the header `{"alg","kid","typ"}`.
    public func token(claimsJSON: String, algorithm: Algorithm = .rs256) -> String {
        let kid = algorithm == .rs256 ? rsaKeyID : ecKeyID
        return token(
            headerJSON: #"{"alg":"\#(algorithm.rawValue)","kid":"\#(kid)","typ":"at+jwt"}"#, claimsJSON: claimsJSON,
            signingWith: algorithm)
    }

    /// A plain Maskinporten token of `supplier` from `https://test.maskinporten.no/`, valid for ten minutes.
    public func maskinportenToken(supplier: String) -> String {
        let expiry = Int(Date().timeIntervalSince1970) + 600
        return token(
            claimsJSON: """
                {"iss":"https://test.maskinporten.no/","client_id":"c","exp":\(expiry),
                 "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:\(supplier)"}}
                """)
    }

    /// A compact JWS with any header (a wrong `alg`, an unknown `kid` …), signed with this issuer's key for
    /// `algorithm`: what an attacker holding the wrong key, or a confused client, would send.
    public func token(headerJSON: String, claimsJSON: String, signingWith algorithm: Algorithm) -> String {
        let signingInput =
            Base64URLText.encode(Data(headerJSON.utf8)) + "." + Base64URLText.encode(Data(claimsJSON.utf8))
        return signingInput + "." + Base64URLText.encode(signature(for: Data(signingInput.utf8), algorithm: algorithm))
    }

    /// Unpadded base64url, for tests that assemble tokens by hand.
    public static func base64URL(_ bytes: some DataProtocol) -> String {
        Base64URLText.encode(bytes)
    }

    private func signature(for message: Data, algorithm: Algorithm) -> Data {
        switch algorithm {
        case .rs256: try! rsaKey.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation
        case .es256: try! ecKey.signature(for: message).rawRepresentation
        }
    }

    private struct PrivateKeySet: Decodable {
        var keys: [PrivateKey]
    }

    private struct PrivateKey: Decodable {
        var kty: String
        var kid: String
        var n: String?
        var e: String?
        var d: String?
        var p: String?
        var q: String?

        func bytes(_ member: KeyPath<Self, String?>) -> Data? {
            self[keyPath: member].flatMap(Base64URLText.decode)
        }
    }
}
