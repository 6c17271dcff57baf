import NIOHTTP1

/// Which of the stand-in's endpoints a request is for. Parsing is pure, so it is tested without sockets.
///
/// Platform products live under `/{product}/api/v1/...` as on `platform.altinn.no`; Altinn Studio apps under
/// `/{org}/{app}/...`; the test endpoints under `/_test/...`. `HEAD` matches every `GET` route.
enum StandInRoute: Equatable {
    // Dialogporten
    case dialogList
    case dialogDetails(id: String)
    case dialogCreate
    case dialogUpdate(id: String)
    // Correspondence (Altinn Melding)
    case correspondenceList
    case correspondenceOverview(id: String)
    // Broker (Altinn Formidling)
    case fileTransferList
    case fileTransferStatus(id: String)
    case fileTransferDownload(id: String)
    case fileTransferUpload(id: String)
    case tusOptions(id: String)
    case tusCreate(id: String)
    case tusOffset(id: String)
    case tusPatch(id: String)
    case tusDelete(id: String)
    // Events, Storage, apps, Authentication
    case eventsPull
    case storageInstances
    case appActiveInstances(partyId: String)
    case appProcessNext(partyId: String, instanceId: String)
    case systemUserRequest(id: String)
    // Test endpoints
    case echo
    case status(code: Int)
    case hang
    case headThenStall
    case chunked
    case close
    case hopByHopHeaders
    // Anything else
    case notFound

    init(method: HTTPMethod, segments: [Substring]) {
        let isRead = method == .GET || method == .HEAD
        let path = segments.map(String.init)
        switch path.first {
        case "_test": self = Self.testRoute(method: method, isRead: isRead, path: Array(path.dropFirst()))
        case "dialogporten", "correspondence", "broker", "events", "storage", "authentication":
            guard path.count >= 3, path[1] == "api", path[2] == "v1" else {
                self = .notFound
                return
            }
            self = Self.platformRoute(
                product: path[0],
                method: method,
                isRead: isRead,
                path: Array(path.dropFirst(3))
            )
        default:
            self = Self.appRoute(method: method, isRead: isRead, path: path)
        }
    }

    /// Whether the request body is counted in `StandInAltinn.uploadedBytes`.
    var isUploadSink: Bool {
        switch self {
        case .fileTransferUpload, .tusPatch: true
        default: false
        }
    }

    private static func platformRoute(product: String, method: HTTPMethod, isRead: Bool, path: [String]) -> Self {
        switch (product, path.count) {
        case ("dialogporten", 2) where path[1] == "dialogs" && (path[0] == "enduser" || path[0] == "serviceowner"):
            if isRead { return .dialogList }
            if method == .POST && path[0] == "serviceowner" { return .dialogCreate }
        case ("dialogporten", 3) where path[1] == "dialogs" && (path[0] == "enduser" || path[0] == "serviceowner"):
            if isRead { return .dialogDetails(id: path[2]) }
            if (method == .PUT || method == .PATCH) && path[0] == "serviceowner" { return .dialogUpdate(id: path[2]) }
        case ("correspondence", 1) where path[0] == "correspondence" && isRead:
            return .correspondenceList
        case ("correspondence", 2) where path[0] == "correspondence" && isRead:
            return .correspondenceOverview(id: path[1])
        case ("broker", 1) where path[0] == "filetransfer" && isRead:
            return .fileTransferList
        case ("broker", 2) where path[0] == "filetransfer" && isRead:
            return .fileTransferStatus(id: path[1])
        case ("broker", 3) where path[0] == "filetransfer" && path[2] == "download" && isRead:
            return .fileTransferDownload(id: path[1])
        case ("broker", 3) where path[0] == "filetransfer" && path[2] == "upload" && method == .POST:
            return .fileTransferUpload(id: path[1])
        case ("broker", 4) where path[0] == "filetransfer" && path[1] == "upload" && path[2] == "tus":
            switch method {
            case .OPTIONS: return .tusOptions(id: path[3])
            case .POST: return .tusCreate(id: path[3])
            case .HEAD: return .tusOffset(id: path[3])
            case .PATCH: return .tusPatch(id: path[3])
            case .DELETE: return .tusDelete(id: path[3])
            default: break
            }
        case ("events", 1) where path[0] == "events" && isRead:
            return .eventsPull
        case ("storage", 1) where path[0] == "instances" && isRead:
            return .storageInstances
        case ("authentication", 4) where Array(path[0...2]) == ["systemuser", "request", "vendor"] && isRead:
            return .systemUserRequest(id: path[3])
        default:
            break
        }
        return .notFound
    }

    /// `/{org}/{app}/instances/{partyId}/active` and `/{org}/{app}/instances/{partyId}/{guid}/process/next`.
    private static func appRoute(method: HTTPMethod, isRead: Bool, path: [String]) -> Self {
        guard path.count >= 5, path[2] == "instances" else { return .notFound }
        if path.count == 5 && path[4] == "active" && isRead {
            return .appActiveInstances(partyId: path[3])
        }
        if path.count == 7 && path[5] == "process" && path[6] == "next" && method == .PUT {
            return .appProcessNext(partyId: path[3], instanceId: path[4])
        }
        return .notFound
    }

    private static func testRoute(method: HTTPMethod, isRead: Bool, path: [String]) -> Self {
        switch (path.first, path.count) {
        case ("echo", 1): return .echo
        case ("status", 2): return Int(path[1]).map { .status(code: $0) } ?? .notFound
        case ("hang", 1): return .hang
        case ("head-then-stall", 1): return .headThenStall
        case ("chunked", 1) where isRead: return .chunked
        case ("close", 1): return .close
        case ("headers", 1) where isRead: return .hopByHopHeaders
        default: return .notFound
        }
    }
}
