import NIOCore
import NIOHTTP1

/// What the stand-in does about one request; decided by `StandInResponder`, carried out by
/// `StandInAltinnHandler`.
enum StandInAnswer {
    /// A head and an optional body already in memory (small answers).
    case complete(HTTPResponseHead, body: ByteBuffer?)
    /// A head, then `BytePattern` bytes for `range`, written in pieces as the connection drains.
    case generated(HTTPResponseHead, range: Range<Int>)
    /// A head, some bytes of the body, then nothing more on this connection.
    case headThenStall(HTTPResponseHead, firstBytes: ByteBuffer)
    /// No answer at all; the connection stays open.
    case silence
    /// Close the connection without answering.
    case closeConnection

    /// A JSON answer with `Content-Length`.
    static func json(_ status: HTTPResponseStatus = .ok, _ text: String, headers: [(String, String)] = []) -> Self {
        .body(status, text, contentType: "application/json; charset=utf-8", headers: headers)
    }

    /// An RFC 9457 problem answer; type `about:blank`, as the status says all there is to say.
    static func problem(_ status: HTTPResponseStatus, detail: String, headers: [(String, String)] = []) -> Self {
        let title = status.reasonPhrase.isEmpty ? "Status \(status.code)" : status.reasonPhrase
        let text =
            "{\"type\":\"about:blank\",\"title\":\(JSONText.quoted(title)),\"status\":\(status.code),"
            + "\"detail\":\(JSONText.quoted(detail))}"
        return .body(status, text, contentType: "application/problem+json; charset=utf-8", headers: headers)
    }

    /// A body of `text` with its `Content-Length`; no body where the status forbids one.
    static func body(
        _ status: HTTPResponseStatus,
        _ text: String,
        contentType: String,
        headers: [(String, String)] = []
    ) -> Self {
        guard status.mayHaveResponseBody else { return .empty(status, headers: headers) }
        let body = ByteBuffer(string: text)
        var head = HTTPResponseHead(version: .http1_1, status: status, headers: HTTPHeaders(headers))
        head.headers.add(name: "content-type", value: contentType)
        head.headers.add(name: "content-length", value: String(body.readableBytes))
        return .complete(head, body: body)
    }

    /// A head without a body (`Content-Length: 0` where the status allows a body at all).
    static func empty(_ status: HTTPResponseStatus, headers: [(String, String)] = []) -> Self {
        var head = HTTPResponseHead(version: .http1_1, status: status, headers: HTTPHeaders(headers))
        if status.mayHaveResponseBody {
            head.headers.add(name: "content-length", value: "0")
        }
        return .complete(head, body: nil)
    }
}
