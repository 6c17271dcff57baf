/// What a request's `Authorization` header says about who sent it.
public enum IdentityResult: Sendable, Hashable {
    case verified(SupplierIdentity)
    /// No `Authorization` header, or an empty one.
    case missing
    /// A header that is not a usable bearer token: another scheme, or a token that did not verify.
    case invalid(TokenRejection)
}
