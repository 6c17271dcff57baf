import NIOCore
import NIOHTTP1

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
        var json = "{\"type\":\(Self.quoted(self.type)),\"title\":\(Self.quoted(self.title))"
        json += ",\"status\":\(self.status.code),\"detail\":\(Self.quoted(self.detail))"
        for (name, value) in self.extensions { json += ",\(Self.quoted(name)):\(value)" }
        json += "}"
        return ByteBuffer(string: json)
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func badGateway(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .badGateway, title: "Bad Gateway", detail: detail)
    }

    static func gatewayTimeout(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .gatewayTimeout, title: "Gateway Timeout", detail: detail)
    }

    static func badRequest(_ detail: String) -> ProblemResponse {
        ProblemResponse(status: .badRequest, title: "Bad Request", detail: detail)
    }
}
