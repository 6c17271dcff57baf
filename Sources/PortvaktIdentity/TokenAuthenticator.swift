/// From an `Authorization` header to an identity: a verified-token cache in front of a `TokenVerifier`.
///
/// Like its cache, a value owned by one event loop and not thread-safe; give each loop its own copy (the
/// verifier is `Sendable` and shared freely). On a config reload, replace the authenticator rather than its
/// verifier, so that no identity verified under the old keys or issuers outlives them in the cache.
///
/// Rejections are not cached at all: a token that failed is checked again on its next use. That keeps a
/// forged or expired token from ever being answered from the cache, and costs an attacker's garbage little,
/// since malformed tokens, unknown keys and wrong algorithms are refused before any signature work.
public struct TokenAuthenticator {
    public let verifier: TokenVerifier
    public private(set) var cache: VerifiedTokenCache
    /// Signature verifications done so far: the cache's misses that reached the verifier.
    public private(set) var verifications = 0

    public init(verifier: TokenVerifier, cacheCapacity: Int = 10_000) {
        self.verifier = verifier
        self.cache = VerifiedTokenCache(capacity: cacheCapacity)
    }

    /// `headerValue` is the request's `Authorization` value; `now` is Unix seconds.
    public mutating func identify(authorization headerValue: Substring?, now: Int64) -> IdentityResult {
        guard let headerValue, !headerValue.allSatisfy(\.isWhitespace) else { return .missing }
        guard let token = Self.bearerToken(in: headerValue) else { return .invalid(.malformed) }
        if let identity = cache.identity(for: token, now: now) {
            return .verified(identity)
        }
        verifications += 1
        switch verifier.verify(token, now: now) {
        case .success(let identity):
            cache.insert(
                identity, for: token, validUntil: identity.expiresAt.saturatingAdding(verifier.leewaySeconds), now: now)
            return .verified(identity)
        case .failure(let rejection):
            return .invalid(rejection)
        }
    }

    /// The credentials after the scheme `Bearer` (any case, RFC 9110 §11.1) and its spaces; nil for any other
    /// scheme or no credentials. Altinn accepts only bearer tokens, so anything else counts as invalid.
    /// (`| 0x20` lowercases ASCII letters, and only `B`/`b` … `R`/`r` map onto the letters of `bearer`.)
    static func bearerToken(in headerValue: Substring) -> Substring? {
        let trimmed = headerValue.drop(while: { $0 == " " || $0 == "\t" })
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
            trimmed[..<space].utf8.elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 })
        else { return nil }
        var token = trimmed[space...].drop(while: { $0 == " " || $0 == "\t" })
        while let last = token.last, last == " " || last == "\t" {
            token = token.dropLast()
        }
        return token.isEmpty ? nil : token
    }
}
