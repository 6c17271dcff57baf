/// Who a request comes from, as far as limits care: the identity its token gave, and its client address.
public struct RequestParty: Sendable, Hashable {
    /// The client's IP address as text. First, so the memberwise initialiser's labels differ from the public
    /// one's, which delegates to it (see the extension below).
    public var address: String
    /// The supplier's organisation number, or `anonymous` for a request without a valid token.
    public var supplier: String
    /// The organisation, or the pseudonym of the person, the supplier acts for; nil when unknown.
    public var customer: String?
    /// The token's `client_id`; nil when it had none.
    public var clientID: String?

    /// The supplier name of every request without a verified token.
    public static let anonymousSupplier = "anonymous"

    /// A request without a valid token: limited by its client address under the `anonymous` supplier.
    public static func anonymous(address: String) -> Self {
        Self(supplier: anonymousSupplier, customer: nil, clientID: nil, address: address)
    }

    public var isAnonymous: Bool { supplier == Self.anonymousSupplier }
}

extension RequestParty {
    /// Delegates to the memberwise initialiser, which builds the value whole: an initialiser that sets a large
    /// struct's fields one by one leaves Swift 6.3's optimiser copying the finished value once more (retaining
    /// every string again and releasing the first), on every request.
    public init(supplier: String, customer: String?, clientID: String?, address: String) {
        self.init(address: address, supplier: supplier, customer: customer, clientID: clientID)
    }
}
