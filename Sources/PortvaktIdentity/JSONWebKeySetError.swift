/// Why a JWKS could not be used, naming the file (or other source) and the key; never any key material.
public struct JSONWebKeySetError: Error, Equatable, CustomStringConvertible {
    /// The file path, or the name given to `JSONWebKeySet(data:source:)`.
    public var source: String
    public var problem: Problem

    public enum Problem: Error, Equatable, Sendable {
        case unreadable
        case badJSON
        /// The top level has no `keys` array.
        case noKeysArray
        /// The key at this position (0-based) has no `kid`: tokens could not name it.
        case missingKeyID(index: Int)
        case duplicateKeyID(String)
        case unsupportedKeyType(keyID: String, kty: String)
        case unsupportedCurve(keyID: String, crv: String)
        /// `use` other than `sig`, or an `alg` that does not fit the key type.
        case notForSignatures(keyID: String, detail: String)
        case rsaKeyTooShort(keyID: String, bits: Int)
        /// A required member is missing or is not base64url, or the numbers are not a valid key.
        case invalidKey(keyID: String, detail: String)
    }

    public init(source: String, problem: Problem) {
        self.source = source
        self.problem = problem
    }

    public var description: String {
        "\(source): \(problemText)"
    }

    private var problemText: String {
        switch problem {
        case .unreadable: "cannot be read"
        case .badJSON: "is not valid JSON"
        case .noKeysArray: "has no \"keys\" array (expected a JWKS, RFC 7517 §5)"
        case .missingKeyID(let index): "key \(index) has no \"kid\""
        case .duplicateKeyID(let kid): "kid \"\(kid)\" is given more than once"
        case .unsupportedKeyType(let kid, let kty):
            "key \"\(kid)\": unsupported kty \"\(kty)\" (supported: RSA for RS256, EC for ES256)"
        case .unsupportedCurve(let kid, let crv): "key \"\(kid)\": unsupported crv \"\(crv)\" (supported: P-256)"
        case .notForSignatures(let kid, let detail): "key \"\(kid)\": \(detail)"
        case .rsaKeyTooShort(let kid, let bits): "key \"\(kid)\": RSA key of \(bits) bits, at least 2048 required"
        case .invalidKey(let kid, let detail): "key \"\(kid)\": \(detail)"
        }
    }
}
