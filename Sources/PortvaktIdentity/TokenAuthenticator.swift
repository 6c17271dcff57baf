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
        guard let headerValue, headerValue.utf8.contains(where: { !Self.isBlank($0) }) else { return .missing }
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

    /// The credentials after the scheme `Bearer` (any case, RFC 9110 §11.1) and its blanks; nil for any other
    /// scheme or no credentials. Altinn accepts only bearer tokens, so anything else counts as invalid.
    /// Works on the UTF-8 bytes: every delimiter is ASCII, and Characters would cost grapheme breaking.
    /// (`| 0x20` lowercases ASCII letters, and only `B`/`b` … `R`/`r` map onto the letters of `bearer`.)
    static func bearerToken(in headerValue: Substring) -> Substring? {
        let bytes = headerValue.utf8
        guard let schemeStart = bytes.firstIndex(where: { !isBlank($0) }),
            let schemeEnd = bytes[schemeStart...].firstIndex(where: isBlank),
            bytes[schemeStart..<schemeEnd].elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 }),
            let tokenStart = bytes[schemeEnd...].firstIndex(where: { !isBlank($0) }),
            let tokenLast = bytes.lastIndex(where: { !isBlank($0) })
        else { return nil }
        return headerValue[tokenStart..<bytes.index(after: tokenLast)]
    }

    /// Space and horizontal tab, the only whitespace a field value may hold (RFC 9110 §5.5).
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
