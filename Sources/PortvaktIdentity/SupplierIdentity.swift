/// Who sent a request, read from a verified bearer token: the supplier whose system calls Altinn and the
/// customer it acts for. Holds no personal data: a person customer is a pseudonym (contract §6).
public struct SupplierIdentity: Sendable, Hashable {
    /// The supplier's 9-digit organisation number.
    public var supplier: String
    /// The customer's 9-digit organisation number, or `fnr:…` when the customer is a person.
    public var customer: String
    /// The token's `client_id`: one per integration, Digdir's own key for rate limits.
    public var clientID: String?
    public var kind: TokenKind
    /// The token's `exp`, Unix seconds.
    public var expiresAt: Int64

    public init(supplier: String, customer: String, clientID: String?, kind: TokenKind, expiresAt: Int64) {
        self.supplier = supplier
        self.customer = customer
        self.clientID = clientID
        self.kind = kind
        self.expiresAt = expiresAt
    }
}

/// The kinds of token of ALTINN.md §4; each names supplier and customer with different claims.
public enum TokenKind: String, Sendable, Hashable, CaseIterable {
    /// Plain Maskinporten: the supplier acts for itself (`consumer`).
    case maskinporten
    /// Maskinporten with Altinn API delegation: `supplier` acts for `consumer`.
    case delegated
    /// Maskinporten system user: `consumer` acts for `authorization_details[].systemuser_org`.
    case systemUser = "system_user"
    /// ID-porten: `consumer` acts for the person in `pid`.
    case idporten
    /// An Altinn token from the exchange endpoint: the original claims copied, read by the same rules.
    case altinn
}
