import Foundation

/// Checks a bearer token completely: algorithm, key, signature, issuer, lifetime, and who it names. Pure:
/// the keys and issuers are given at construction, the time on every call. Costs one signature verification
/// and a few JSON decodes; `TokenAuthenticator` keeps a token's result so that this runs once per token.
public struct TokenVerifier: Sendable {
    public var keys: JSONWebKeySet
    /// Accepted `iss` values, compared as exact strings (`https://maskinporten.no/` ≠ `https://maskinporten.no`).
    public var issuers: Set<String>
    /// How far clocks may disagree, in seconds, when checking `exp`, `nbf` and `iat`.
    public var leewaySeconds: Int64
    public var pseudonymizer: Pseudonymizer

    public init(keys: JSONWebKeySet, issuers: [String], pseudonymizer: Pseudonymizer, leewaySeconds: Int64 = 30) {
        self.keys = keys
        self.issuers = Set(issuers)
        self.pseudonymizer = pseudonymizer
        self.leewaySeconds = leewaySeconds
    }

    /// `token` is the compact JWS after `Bearer `; `now` is Unix seconds.
    public func verify(_ token: Substring, now: Int64) -> Result<SupplierIdentity, TokenRejection> {
        Result { () throws(TokenRejection) in try identity(of: token, now: now) }
    }

    private func identity(of token: Substring, now: Int64) throws(TokenRejection) -> SupplierIdentity {
        let jws = try CompactJWS(token)
        guard jws.header.crit == nil, let algorithm = SignatureAlgorithm(rawValue: jws.header.alg) else {
            throw .unsupportedAlgorithm
        }
        guard let kid = jws.header.kid, let key = keys.key(id: kid) else { throw .unknownKey }
        guard key.algorithm == algorithm else { throw .keyAlgorithmMismatch }
        guard key.isValidSignature(jws.signature, for: jws.signingInput.utf8) else { throw .badSignature }

        let claims: TokenClaims
        do {
            claims = try JSONDecoder().decode(TokenClaims.self, from: jws.payload)
        } catch {
            throw .malformed
        }
        guard let issuer = claims.issuer, issuers.contains(issuer) else { throw .untrustedIssuer }
        guard let expiresAt = claims.expiresAt else { throw .missingClaims }
        guard now < expiresAt.saturatingAdding(leewaySeconds) else { throw .expired }
        for start in [claims.notBefore, claims.issuedAt].compactMap(\.self)
        where start > now.saturatingAdding(leewaySeconds) {
            throw .notYetValid
        }
        return try SupplierIdentity(
            claims: claims, expiresAt: expiresAt,
            isAltinnToken: claims.hasAltinnClaims || Self.isAltinnIssuer(issuer), pseudonymizer: pseudonymizer)
    }

    /// Altinn's token issuers, in every environment, end in the authentication component's OpenID path.
    private static func isAltinnIssuer(_ issuer: String) -> Bool {
        issuer.hasSuffix("/authentication/api/v1/openid/") || issuer.hasSuffix("/authentication/api/v1/openid")
    }
}
