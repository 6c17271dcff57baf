import NIOCore
import NIOHTTP1

/// Decides the answer to each request from its route and the shared state. Holds no connection state, so one
/// responder serves every connection.
struct StandInResponder: Sendable {
    /// `http://127.0.0.1:PORT`, for the absolute URLs Altinn puts in `next`, `self` and `Location`.
    let baseURL: String
    let state: StandInState

    func answer(to request: StandInRequest) -> StandInAnswer {
        switch request.route {
        case .dialogList, .dialogDetails, .dialogCreate, .dialogUpdate:
            return self.dialogportenAnswer(to: request)
        case .correspondenceList, .correspondenceOverview:
            return self.correspondenceAnswer(to: request)
        case .fileTransferList, .fileTransferStatus, .fileTransferDownload, .fileTransferUpload:
            return self.brokerAnswer(to: request)
        case .tusOptions, .tusCreate, .tusOffset, .tusPatch, .tusDelete:
            return self.tusAnswer(to: request)
        case .eventsPull, .storageInstances, .appActiveInstances, .appProcessNext, .systemUserRequest:
            return self.pollingTargetAnswer(to: request)
        case .echo, .status, .hang, .headThenStall, .chunked, .close, .hopByHopHeaders:
            return self.testEndpointAnswer(to: request)
        case .notFound:
            return .problem(
                .notFound,
                detail: "The stand-in has no route for \(request.head.method.rawValue) \(request.target.pathOnly)"
            )
        }
    }
}
