extension SupplierIdentity {
    /// Supplier and customer by the rules of ALTINN.md §4, which differ by token kind: a system user before a
    /// delegation, a delegation before an end user, else the consumer acting for itself. An Altinn-exchanged
    /// token carries the original claims, so the same rules apply to it, with `urn:altinn:orgNumber` standing
    /// in for a missing `consumer`.
    init(claims: TokenClaims, expiresAt: Int64, isAltinnToken: Bool, pseudonymizer: Pseudonymizer)
        throws(TokenRejection)
    {
        let consumer = claims.consumer?.identifier ?? claims.altinnOrganizationNumber
        let supplier: String
        let customer: String
        let kind: TokenKind
        if claims.isSystemUser {
            supplier = try Self.organizationNumber(consumer)
            customer = try Self.organizationNumber(claims.systemUserOrganization?.identifier)
            kind = .systemUser
        } else if let delegatingSupplier = claims.supplier {
            supplier = try Self.organizationNumber(delegatingSupplier.identifier)
            customer = try Self.organizationNumber(consumer)
            kind = .delegated
        } else if let person = claims.personIdentifier {
            supplier = try Self.organizationNumber(consumer)
            customer = pseudonymizer.pseudonym(for: person)
            kind = .idporten
        } else {
            supplier = try Self.organizationNumber(consumer)
            customer = supplier
            kind = .maskinporten
        }
        self.init(
            supplier: supplier, customer: customer, clientID: claims.clientID,
            kind: isAltinnToken ? .altinn : kind, expiresAt: expiresAt)
    }

    private static func organizationNumber(_ identifier: String?) throws(TokenRejection) -> String {
        guard let identifier else { throw .missingClaims }
        guard let number = OrganizationNumber.parse(identifier) else { throw .invalidOrganizationNumber }
        return number
    }
}
