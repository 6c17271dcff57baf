/// Who a request comes from, as far as limits care: the identity its token gave, and its client address.
public struct RequestParty: Sendable, Hashable {
    /// The supplier's organisation number, or `anonymous` for a request without a valid token.
    public var supplier: String
    /// The organisation, or the pseudonym of the person, the supplier acts for; nil when unknown.
    public var customer: String?
    /// The token's `client_id`; nil when it had none.
    public var clientID: String?
    /// The client's IP address as text.
    public var address: String

    /// The supplier name of every request without a verified token.
    public static let anonymousSupplier = "anonymous"

    public init(supplier: String, customer: String?, clientID: String?, address: String) {
        self.supplier = supplier
        self.customer = customer
        self.clientID = clientID
        self.address = address
    }

    /// A request without a valid token: limited by its client address under the `anonymous` supplier.
    public static func anonymous(address: String) -> Self {
        Self(supplier: anonymousSupplier, customer: nil, clientID: nil, address: address)
    }

    public var isAnonymous: Bool { supplier == Self.anonymousSupplier }
}
