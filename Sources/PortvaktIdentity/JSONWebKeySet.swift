import Crypto
import Foundation
import _CryptoExtras

/// The public keys that verify bearer tokens, by `kid` (RFC 7517): RSA keys for RS256 and P-256 keys for ES256.
/// Loaded once at start-up (and on reload); every problem is an error, so a misconfigured key is seen at once
/// instead of as tokens that silently never verify.
public struct JSONWebKeySet: Sendable {
    public private(set) var keys: [String: VerificationKey]

    public init(keys: [String: VerificationKey] = [:]) {
        self.keys = keys
    }

    /// Parses one JWKS document; `source` names it in errors.
    public init(data: Data, source: String) throws(JSONWebKeySetError) {
        self.init()
        try add(data: data, source: source)
    }

    /// Reads and merges the JWKS files in order; a `kid` given in two files is an error.
    public static func load(files: [String]) throws(JSONWebKeySetError) -> JSONWebKeySet {
        var set = JSONWebKeySet()
        for file in files {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw JSONWebKeySetError(source: file, problem: .unreadable)
            }
            try set.add(data: data, source: file)
        }
        return set
    }

    public func key(id: String) -> VerificationKey? {
        keys[id]
    }

    private mutating func add(data: Data, source: String) throws(JSONWebKeySetError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch DecodingError.keyNotFound(let key, let context)
            where key.stringValue == "keys" && context.codingPath.isEmpty
        {
            throw JSONWebKeySetError(source: source, problem: .noKeysArray)
        } catch {
            throw JSONWebKeySetError(source: source, problem: .badJSON)
        }
        for (index, member) in document.keys.enumerated() {
            guard let kid = member.kid, !kid.isEmpty else {
                throw JSONWebKeySetError(source: source, problem: .missingKeyID(index: index))
            }
            guard keys[kid] == nil else {
                throw JSONWebKeySetError(source: source, problem: .duplicateKeyID(kid))
            }
            do {
                keys[kid] = try member.verificationKey(kid: kid)
            } catch {
                throw JSONWebKeySetError(source: source, problem: error)
            }
        }
    }

    private struct Document: Decodable {
        var keys: [Member]
    }

    /// The JWK members Portvakt reads; others (`x5c`, `x5t` …) are ignored.
    private struct Member: Decodable {
        var kty: String
        var kid: String?
        var use: String?
        var alg: String?
        var n: String?
        var e: String?
        var crv: String?
        var x: String?
        var y: String?

        func verificationKey(kid: String) throws(JSONWebKeySetError.Problem) -> VerificationKey {
            if let use, use != "sig" {
                throw .notForSignatures(keyID: kid, detail: "use \"\(use)\" is not \"sig\"")
            }
            let key: VerificationKey
            switch kty {
            case "RSA": key = try rsaKey(kid: kid)
            case "EC": key = try p256Key(kid: kid)
            default: throw .unsupportedKeyType(keyID: kid, kty: kty)
            }
            if let alg, alg != key.algorithm.rawValue {
                throw .notForSignatures(keyID: kid, detail: "alg \"\(alg)\" does not fit kty \"\(kty)\"")
            }
            return key
        }

        private func rsaKey(kid: String) throws(JSONWebKeySetError.Problem) -> VerificationKey {
            let modulus = try bytes(of: n, named: "n", kid: kid)
            let exponent = try bytes(of: e, named: "e", kid: kid)
            let bits = Self.bitLength(of: modulus)
            guard bits >= 2048 else { throw .rsaKeyTooShort(keyID: kid, bits: bits) }
            do {
                return .rsa(try _RSA.Signing.PublicKey(n: modulus, e: exponent))
            } catch {
                throw .invalidKey(keyID: kid, detail: "n and e are not a valid RSA public key")
            }
        }

        private func p256Key(kid: String) throws(JSONWebKeySetError.Problem) -> VerificationKey {
            guard let crv else { throw .invalidKey(keyID: kid, detail: "EC key without \"crv\"") }
            guard crv == "P-256" else { throw .unsupportedCurve(keyID: kid, crv: crv) }
            let xBytes = try bytes(of: x, named: "x", kid: kid)
            let yBytes = try bytes(of: y, named: "y", kid: kid)
            guard xBytes.count == 32, yBytes.count == 32 else {
                throw .invalidKey(keyID: kid, detail: "x and y must be 32 bytes each for P-256")
            }
            do {
                return .p256(try P256.Signing.PublicKey(rawRepresentation: xBytes + yBytes))
            } catch {
                throw .invalidKey(keyID: kid, detail: "x and y are not a point on P-256")
            }
        }

        private func bytes(of member: String?, named name: String, kid: String) throws(JSONWebKeySetError.Problem)
            -> Data
        {
            guard let member else { throw .invalidKey(keyID: kid, detail: "missing \"\(name)\"") }
            guard let data = Base64URL.decode(member), !data.isEmpty else {
                throw .invalidKey(keyID: kid, detail: "\"\(name)\" is not base64url")
            }
            return data
        }

        /// The size of an RSA modulus is its bit length, leading zero bits not counted.
        private static func bitLength(of bigEndian: Data) -> Int {
            guard let first = bigEndian.firstIndex(where: { $0 != 0 }) else { return 0 }
            let significantBytes = bigEndian.endIndex - first
            return significantBytes * 8 - bigEndian[first].leadingZeroBitCount
        }
    }
}
