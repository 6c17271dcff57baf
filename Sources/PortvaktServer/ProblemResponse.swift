import NIOCore
import NIOHTTP1
import PortvaktCore
import PortvaktIdentity

/// An RFC 9457 `application/problem+json` answer that Portvakt itself gives.
struct ProblemResponse: Sendable {
    var status: HTTPResponseStatus
    var type: String = "about:blank"
    var title: String
    var detail: String
    var extraHeaders: [(String, String)] = []
    /// Extension members, already encoded as JSON values.
    var extensions: [(String, String)] = []

    func head(keepAlive: Bool) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/problem+json")
        headers.add(name: "Content-Length", value: String(self.body.readableBytes))
        headers.add(name: "Cache-Control", value: "no-store")
        for (name, value) in self.extraHeaders { headers.add(name: name, value: value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        return HTTPResponseHead(version: .http1_1, status: self.status, headers: headers)
    }

    var body: ByteBuffer {
        var json = "{\"type\":\(String(jsonQuoting: self.type)),\"title\":\(String(jsonQuoting: self.title))"
        json += ",\"status\":\(self.status.code),\"detail\":\(String(jsonQuoting: self.detail))"
        for (name, value) in self.extensions { json += ",\(String(jsonQuoting: name)):\(value)" }
        json += "}"
        return ByteBuffer(string: json)
    }

    static func badGateway(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .badGateway, title: "Bad Gateway", detail: detail)
    }

    static func gatewayTimeout(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .gatewayTimeout, title: "Gateway Timeout", detail: detail)
    }

    static func requestTimeout(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .requestTimeout, title: "Request Timeout", detail: detail)
    }

    static func headersTooLarge(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .requestHeaderFieldsTooLarge, title: "Request Header Fields Too Large", detail: detail)
    }

    /// The 401 for a request without a verified token (nil for one with): RFC 6750 §3, a missing token gets
    /// a bare challenge, an invalid one `error="invalid_token"`.
    static func unauthorized(_ identity: IdentityResult?) -> ProblemResponse? {
        let rejection: TokenRejection?
        switch identity {
        case .verified?, nil: return nil
        case .missing?: rejection = nil
        case .invalid(let reason)?: rejection = reason
        }
        var problem = ProblemResponse(
            status: .unauthorized, title: "Unauthorized",
            detail: rejection.map { "The bearer token was not accepted: \($0)." }
                ?? "The request has no bearer token; a Maskinporten, ID-porten or Altinn token is required.")
        let challenge =
            rejection == nil ? #"Bearer realm="portvakt""# : #"Bearer realm="portvakt", error="invalid_token""#
        problem.extraHeaders = [("WWW-Authenticate", challenge)]
        return problem
    }

    static func badRequest(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .badRequest, title: "Bad Request", detail: detail)
    }
}
