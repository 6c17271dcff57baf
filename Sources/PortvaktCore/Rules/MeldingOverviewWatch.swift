/// Terms §2.2: Dialogporten, not Altinn Melding, gives the overview of an actor's messages. A supplier that
/// lists correspondence for at least `minCustomers` different customers and never reads a Dialogporten dialog
/// list is taking its overview from Melding (rule `2.2-melding-overview`). Advisory: a finding is evidence for
/// the report; whether it climbs the sanction ladder is the configuration's call (`TermsRules`). Pure: time is passed in.
///
/// Memory: per supplier a fixed set of customer hashes, capped at `customerCap` (the count stops there).
public struct MeldingOverviewWatch: Sendable {
    public static let rule = "2.2-melding-overview"
    /// The route that lists a party's correspondence, and the routes that list its dialogs.
    public static let correspondenceList = "correspondence.correspondence.list"
    static let dialogLists = ["dialogporten.enduser.dialogs.search", "dialogporten.serviceowner.dialogs.search"]

    /// Whether `route` is one of `dialogLists`: its product first, then the names' lengths, so only a name of
    /// the right length is compared (every request asks; a set would hash the name first).
    static func isDialogList(_ route: Route) -> Bool {
        guard route.product == .dialogporten else { return false }
        let length = route.name.utf8.count
        return (length == dialogListLengths.0 && route.name == dialogLists[0])
            || (length == dialogListLengths.1 && route.name == dialogLists[1])
    }
    private static let dialogListLengths = (dialogLists[0].utf8.count, dialogLists[1].utf8.count)

    private struct SupplierState: Sendable {
        var customers: Set<UInt64> = []
        var requests = 0
        var firstSeen: Int64 = .max
        var lastSeen: Int64 = .min
        var readsDialogLists = false
    }

    public let minCustomers: Int
    public let customerCap: Int
    private var suppliers: [String: SupplierState] = [:]
    /// The first `knownReadersCap` suppliers seen reading a dialog list (which they then do forever after), by
    /// a 64-bit keyed hash of the name: a dialog list read is among the commonest requests, and this hash and
    /// a look through a few words cost a fraction of the dictionary's hashing, or of comparing names one by
    /// one. Two suppliers share a hash with odds about 2^-64 per pair; the one not reading would go unfound.
    private var knownReaders: [UInt64] = []
    static let knownReadersCap = 16

    public init(minCustomers: Int = 10, customerCap: Int = 1024) {
        precondition(minCustomers >= 1 && customerCap >= minCustomers)
        self.minCustomers = minCustomers
        self.customerCap = customerCap
    }

    /// Takes in one finished request; only successful reads (2xx, 304) of the lists count. Returns whether
    /// the supplier now stands found taking its overview from Melding.
    @discardableResult
    public mutating func observe(time: Int64, supplier: String, customer: String?, route: Route, status: Int) -> Bool {
        guard (200...299).contains(status) || status == 304 else { return false }
        if Self.isDialogList(route) {
            // Most requests of a supplier that reads dialog lists are such reads: look before writing.
            let reader = ByteHashing.hash(supplier, salt: Self.readerSalt)
            if knownReaders.contains(reader) { return false }
            if suppliers[supplier]?.readsDialogLists != true {
                suppliers[supplier, default: SupplierState()].readsDialogLists = true
            }
            if knownReaders.count < Self.knownReadersCap { knownReaders.append(reader) }
            return false
        } else if route.product == .correspondence, route.name == Self.correspondenceList {
            var state = suppliers[supplier] ?? SupplierState()
            if state.customers.count < customerCap {
                state.customers.insert(ByteHashing.hash(customer ?? "", salt: Self.customerSalt))
            }
            state.requests += 1
            state.firstSeen = min(state.firstSeen, time)
            state.lastSeen = max(state.lastSeen, time)
            suppliers[supplier] = state
            return !state.readsDialogLists && state.customers.count >= minCustomers
        }
        return false
    }

    /// The suppliers that list Melding for at least `minCustomers` customers and never read a dialog list.
    public var findings: [TermsFinding] {
        suppliers.compactMap { supplier, state in
            guard !state.readsDialogLists, state.customers.count >= minCustomers else { return nil }
            return TermsFinding(
                rule: Self.rule, supplier: supplier,
                route: Route(product: .correspondence, name: Self.correspondenceList),
                customers: state.customers.count, requests: state.requests, firstSeen: state.firstSeen,
                lastSeen: state.lastSeen, advice: Self.advice)
        }.sorted { $0.supplier < $1.supplier }
    }

    static let advice =
        "Take the overview of a party's messages from Dialogporten (GET /dialogporten/api/v1/enduser/dialogs?party=…, "
        + "or the service-owner search), as section 2.2 of the terms asks, and read a correspondence only when its "
        + "dialog points to it; subscribe to Altinn Events (altinn.correspondence.*) instead of listing Melding."

    private static let customerSalt: UInt64 = 0x1F83_D9AB_5BE0_CD19
    private static let readerSalt: UInt64 = 0x6A09_E667_F3BC_C908
}
