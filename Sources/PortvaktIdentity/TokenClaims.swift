/// The payload claims Portvakt reads, decoded after the signature has been checked. Unknown claims are
/// ignored; a known claim of the wrong JSON type makes the token malformed.
struct TokenClaims: Decodable {
    var issuer: String?
    var expiresAt: Int64?
    var notBefore: Int64?
    var issuedAt: Int64?
    var clientID: String?
    /// The legal consumer; the client's owner.
    var consumer: OrganizationClaim?
    /// Present when a supplier acts for `consumer` through Altinn API delegation.
    var supplier: OrganizationClaim?
    /// An ID-porten end user's identity number. Never to leave this module except as a pseudonym.
    var personIdentifier: String?
    /// True when `authorization_details` holds an entry of type `urn:altinn:systemuser`.
    var isSystemUser: Bool
    /// That entry's `systemuser_org`: the customer the system user belongs to.
    var systemUserOrganization: OrganizationClaim?
    /// `urn:altinn:orgNumber`: the orgnr Altinn's exchange parsed from `consumer`.
    var altinnOrganizationNumber: String?
    /// Whether any `urn:altinn:*` claim is present: the token came out of Altinn's token exchange.
    var hasAltinnClaims: Bool

    init(from decoder: any Decoder) throws {
        let claims = try decoder.container(keyedBy: ClaimKey.self)
        issuer = try claims.decodeIfPresent(String.self, forKey: ClaimKey("iss"))
        expiresAt = try claims.decodeNumericDate("exp")
        notBefore = try claims.decodeNumericDate("nbf")
        issuedAt = try claims.decodeNumericDate("iat")
        clientID = try claims.decodeIfPresent(String.self, forKey: ClaimKey("client_id"))
        consumer = try claims.decodeIfPresent(OrganizationClaim.self, forKey: ClaimKey("consumer"))
        supplier = try claims.decodeIfPresent(OrganizationClaim.self, forKey: ClaimKey("supplier"))
        personIdentifier = try claims.decodeIfPresent(String.self, forKey: ClaimKey("pid"))
        let details = try claims.decodeIfPresent([AuthorizationDetail].self, forKey: ClaimKey("authorization_details"))
        let systemUser = details?.first { $0.type == "urn:altinn:systemuser" }
        isSystemUser = systemUser != nil
        systemUserOrganization = systemUser?.systemUserOrganization
        altinnOrganizationNumber = try claims.decodeIfPresent(String.self, forKey: ClaimKey("urn:altinn:orgNumber"))
        hasAltinnClaims = claims.allKeys.contains { $0.stringValue.hasPrefix("urn:altinn:") }
    }

    /// One entry of `authorization_details` (RFC 9396); only the system-user type matters here.
    private struct AuthorizationDetail: Decodable {
        var type: String?
        var systemUserOrganization: OrganizationClaim?

        enum CodingKeys: String, CodingKey {
            case type
            case systemUserOrganization = "systemuser_org"
        }
    }
}
