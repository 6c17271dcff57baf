/// Why a bearer token was not accepted. The raw values are stable snake_case words, fit for a log field or a
/// metric label; neither they nor the descriptions ever contain anything from the token itself.
public enum TokenRejection: String, Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Not three base64url parts, a part that is not JSON, or a claim of the wrong type.
    case malformed
    /// `alg` is not RS256 or ES256 (`none` and the HMAC family included), or the header has `crit` extensions.
    case unsupportedAlgorithm = "unsupported_algorithm"
    /// No `kid`, or a `kid` that is not in the configured JWKS.
    case unknownKey = "unknown_key"
    /// `alg` names an algorithm that the key's type does not sign with (e.g. ES256 with an RSA key).
    case keyAlgorithmMismatch = "key_algorithm_mismatch"
    case badSignature = "bad_signature"
    /// `iss` is missing or not exactly one of the configured issuers.
    case untrustedIssuer = "untrusted_issuer"
    case expired
    /// `nbf`, or `iat`, lies in the future (beyond the leeway).
    case notYetValid = "not_yet_valid"
    /// `exp` is missing, or no claim names a supplier (or the customer a token kind requires).
    case missingClaims = "missing_claims"
    /// The claim naming the supplier or the customer is not a valid 9-digit organisation number.
    case invalidOrganizationNumber = "invalid_organization_number"

    public var description: String {
        switch self {
        case .malformed: "the bearer token is not a well-formed JWS"
        case .unsupportedAlgorithm: "the token's signature algorithm is not accepted (RS256 or ES256 only)"
        case .unknownKey: "the token names no key, or a key that is not configured"
        case .keyAlgorithmMismatch: "the token's algorithm does not fit the type of its key"
        case .badSignature: "the token's signature does not verify"
        case .untrustedIssuer: "the token's issuer is not trusted"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not valid yet"
        case .missingClaims: "the token lacks a claim naming the supplier, the customer or the expiry"
        case .invalidOrganizationNumber: "the token's supplier or customer is not a valid organisation number"
        }
    }
}
