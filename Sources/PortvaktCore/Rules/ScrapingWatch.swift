/// Terms §7.1: screen scraping is a material breach. A supplier whose requests look like a browser loading
/// pages (`BrowserLikeRequest`) on paths that are no API endpoint (routes `unknown` and `<product>.other`,
/// and an app's HTML front page `apps.app.home`) at least `minRequests` times is scraping (rule `7.1-scraping`). Advisory unless the configuration lets it
/// escalate. Pure: time is passed in.
///
/// Memory: per supplier a fixed set of customer hashes, capped at `customerCap`.
public struct ScrapingWatch: Sendable {
    public static let rule = "7.1-scraping"

    private struct SupplierState: Sendable {
        var customers: Set<UInt64> = []
        var requests = 0
        var firstSeen: Int64 = .max
        var lastSeen: Int64 = .min
        var firstRoute: Route
    }

    public let minRequests: Int
    public let customerCap: Int
    private var suppliers: [String: SupplierState] = [:]

    public init(minRequests: Int = 10, customerCap: Int = 1024) {
        precondition(minRequests >= 1 && customerCap >= 1)
        self.minRequests = minRequests
        self.customerCap = customerCap
    }

    /// Whether `route` is no API endpoint: nothing in the catalogue, nothing known under its product, or the
    /// page a Studio app serves its browser front end from.
    public static func isOutsideTheAPIs(_ route: Route) -> Bool {
        route.product == .unknown || route.name.hasSuffix(".other") || route.name == "apps.app.home"
    }

    /// Takes in one request, whatever its answer (a scraper's 404s are scraping too). Returns whether the
    /// supplier now stands found scraping.
    @discardableResult
    public mutating func observe(
        time: Int64, supplier: String, customer: String?, route: Route, isBrowserLike: Bool
    ) -> Bool {
        guard isBrowserLike, Self.isOutsideTheAPIs(route) else { return false }
        var state = suppliers[supplier] ?? SupplierState(firstRoute: route)
        if state.customers.count < customerCap {
            state.customers.insert(ByteHashing.hash(customer ?? "", salt: Self.customerSalt))
        }
        state.requests += 1
        if time < state.firstSeen {
            state.firstSeen = time
            state.firstRoute = route
        }
        state.lastSeen = max(state.lastSeen, time)
        suppliers[supplier] = state
        return state.requests >= minRequests
    }

    /// The suppliers with at least `minRequests` browser-like requests outside the APIs, by name.
    public var findings: [TermsFinding] {
        suppliers.compactMap { supplier, state in
            guard state.requests >= minRequests else { return nil }
            return TermsFinding(
                rule: Self.rule, supplier: supplier, route: state.firstRoute, customers: state.customers.count,
                requests: state.requests, firstSeen: state.firstSeen, lastSeen: state.lastSeen, advice: Self.advice)
        }.sorted { $0.supplier < $1.supplier }
    }

    static let advice =
        "Use the documented Altinn APIs (Dialogporten, Altinn Melding, Formidling, Events, the app and storage APIs) "
        + "with a Maskinporten or system-user token; screen scraping is a material breach of the terms (section 7.1) "
        + "and can end in a cut-off."

    private static let customerSalt: UInt64 = 0x5BE0_CD19_1F83_D9AB
}
