/// The Altinn product a request belongs to: the first level of every route name and of the limits' `match`.
public enum Product: String, Sendable, CaseIterable {
    case dialogporten, correspondence, broker, events, storage, apps, authentication, unknown

    /// The products served from the platform host under `/{product}/...`; `apps` live on `{org}.apps.…`.
    public var isPlatform: Bool {
        switch self {
        case .apps, .unknown: false
        default: true
        }
    }

    /// The product's place in `allCases`, for tables indexed by product.
    var caseIndex: Int {
        switch self {
        case .dialogporten: 0
        case .correspondence: 1
        case .broker: 2
        case .events: 3
        case .storage: 4
        case .apps: 5
        case .authentication: 6
        case .unknown: 7
        }
    }
}
