import NIOCore
import NIOHTTP1

/// The `/_test/...` endpoints: not Altinn, but the awkward upstream behaviours a proxy must survive.
extension StandInResponder {
    func testEndpointAnswer(to request: StandInRequest) -> StandInAnswer {
        switch request.route {
        case .echo:
            return self.echo(request)
        case .status(let code):
            return Self.status(code, retryAfter: request.target.queryValue("retry_after"))
        case .hang:
            return .silence
        case .headThenStall:
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "content-type", value: "application/octet-stream")
            head.headers.add(name: "content-length", value: "1000")
            var firstBytes = ByteBuffer()
            BytePattern.write(0..<10, into: &firstBytes)
            return .headThenStall(head, firstBytes: firstBytes)
        case .chunked:
            guard let size = Self.size(request.target.queryValue("size"), default: 1024 * 1024) else {
                return .problem(.badRequest, detail: "size must be a whole number of bytes.")
            }
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "content-type", value: "application/octet-stream")
            head.headers.add(name: "transfer-encoding", value: "chunked")
            return .generated(head, range: 0..<size)
        case .close:
            return .closeConnection
        case .hopByHopHeaders:
            return .json(
                .ok,
                "{\"headers\":\"see the response head\"}",
                headers: [
                    ("keep-alive", "timeout=5"),
                    ("proxy-authenticate", "Basic realm=\"stand-in\""),
                    ("upgrade", "h2c"),
                    ("connection", Self.connectionListedHeader),
                    (Self.connectionListedHeader, "1"),
                    ("x-custom", "1"),
                    ("retry-after", "7"),
                    ("next", "\(self.baseURL)/events/api/v1/events?after=42"),
                ]
            )
        default:
            preconditionFailure("not a test route: \(request.route)")
        }
    }

    /// `/_test/headers` names this header in `Connection`, which makes it hop-by-hop (RFC 9110 §7.6.1).
    static let connectionListedHeader = "x-stand-in-hop"

    /// Request headers named `X-Echo-Set-<Name>` come back on the echo's answer as `<Name>`.
    static let echoSetPrefix = "x-echo-set-"

    private func echo(_ request: StandInRequest) -> StandInAnswer {
        let headerPairs = request.head.headers.map { JSONText.array([$0.name, $0.value]) }
        let text =
            "{\"method\":\(JSONText.quoted(request.head.method.rawValue)),"
            + "\"uri\":\(JSONText.quoted(request.head.uri)),"
            + "\"headers\":[\(headerPairs.joined(separator: ","))],"
            + "\"body_bytes\":\(request.body.byteCount),"
            + "\"body_sha256\":\(JSONText.quoted(request.body.sha256Hex))}"
        var reflected: [(String, String)] = []
        for (name, value) in request.head.headers where name.lowercased().hasPrefix(Self.echoSetPrefix) {
            let answerName = String(name.dropFirst(Self.echoSetPrefix.count))
            // Framing stays the stand-in's own: a reflected Content-Length would break the connection.
            let framing = ["content-length", "transfer-encoding", "connection"]
            if !answerName.isEmpty && !framing.contains(answerName.lowercased()) {
                reflected.append((answerName, value))
            }
        }
        return .json(.ok, text, headers: reflected)
    }

    /// Any final status 200–599 with an optional `Retry-After`; a small body unless the status forbids one.
    private static func status(_ code: Int, retryAfter: String?) -> StandInAnswer {
        guard (200...599).contains(code) else {
            return .problem(.badRequest, detail: "/_test/status takes a final status code, 200 to 599.")
        }
        let status = HTTPResponseStatus(statusCode: code)
        let headers = retryAfter.map { [("retry-after", $0)] } ?? []
        if code >= 400 {
            return .problem(status, detail: "The stand-in was asked for status \(code).", headers: headers)
        }
        return .json(status, "{\"status\":\(code)}", headers: headers)
    }
}
