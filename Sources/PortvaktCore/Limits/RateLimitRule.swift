/// One limit rule of the configuration, ready to apply: which requests it matches, whose bucket they draw
/// from, and the bucket's shape.
public struct RateLimitRule: Sendable, Hashable {
    /// Names the rule in `RateLimit-Policy`, problem details, the access log and reports.
    public var name: String
    public var match: Match
    public var key: KeyKind
    public var policy: TokenBucketPolicy
    /// Counts and reports, never refuses.
    public var shadow: Bool

    /// Which requests the rule applies to; a nil field matches every request.
    public struct Match: Sendable, Hashable {
        public var product: Product?
        /// The method token in capitals, as on the wire.
        public var method: String?
        public var route: RoutePattern?
        /// An organisation number, or `anonymous`.
        public var supplier: String?

        public init(product: Product? = nil, method: String? = nil, route: RoutePattern? = nil, supplier: String? = nil)
        {
            self.product = product
            self.method = method
            self.route = route
            self.supplier = supplier
        }

        /// The same match without its supplier: what a per-supplier rule replaces for its supplier.
        var withoutSupplier: Self {
            var copy = self
            copy.supplier = nil
            return copy
        }
    }

    /// Whose bucket a request draws from.
    public enum KeyKind: Int, Sendable, Hashable {
        case supplier, clientID, customer, supplierAndCustomer, ip

        /// The digest of the bucket's subject for `party`, built from its parts without joining them into
        /// a string. Requests without a valid token share one bucket per client address whatever the key,
        /// so that no token (or a forged one) can spend a real supplier's quota or escape limits.
        func subject(for party: borrowing RequestParty) -> LimiterSubject {
            withSubjectParts(for: party) { LimiterSubject(joining: $0, $1, $2) }
        }

        /// The same subject as text, as instances that share buckets name it.
        func subjectText(for party: borrowing RequestParty) -> String {
            withSubjectParts(for: party) { $0 + $1 + $2 }
        }

        /// Calls `body` with the subject's three parts, the party's strings borrowed where they are used (a
        /// tuple of them returned would retain and release each on every request).
        @inline(__always)
        private func withSubjectParts<Result>(
            for party: borrowing RequestParty, _ body: (borrowing String, borrowing String, borrowing String) -> Result
        ) -> Result {
            if party.isAnonymous { return body("anonymous@", party.address, "") }
            switch self {
            case .supplier: return body(party.supplier, "", "")
            case .clientID:
                guard party.clientID != nil else { return body(party.supplier, "", "") }
                return body("client:", party.clientID!, "")
            case .customer:
                guard party.customer != nil else { return body(party.supplier, "", "") }
                return body(party.customer!, "", "")
            case .supplierAndCustomer:
                guard party.customer != nil else { return body(party.supplier, "+", party.supplier) }
                return body(party.supplier, "+", party.customer!)
            case .ip: return body(party.address, "", "")
            }
        }
    }

    public init(name: String, match: Match = Match(), key: KeyKind, policy: TokenBucketPolicy, shadow: Bool = false) {
        self.name = name
        self.match = match
        self.key = key
        self.policy = policy
        self.shadow = shadow
    }

    /// The digest of the bucket's subject for `party` (see `KeyKind.subject(for:)`).
    func subject(for party: borrowing RequestParty) -> LimiterSubject { key.subject(for: party) }
}

extension RateLimitRule {
    /// The rule in words, for problem details: `120 requests per 60 s, bursts of up to 120, per supplier`.
    public var summary: String {
        let seconds = Double(policy.periodNanoseconds) / 1_000_000_000
        let period = seconds == seconds.rounded() ? "\(Int64(seconds)) s" : "\(seconds) s"
        let subject =
            switch key {
            case .supplier: "supplier"
            case .clientID: "client_id"
            case .customer: "customer"
            case .supplierAndCustomer: "supplier and customer"
            case .ip: "client address"
            }
        return "\(policy.count) requests per \(period), bursts of up to \(policy.burst), per \(subject)"
    }
}
