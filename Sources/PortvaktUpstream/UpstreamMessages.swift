import NIOCore

/// What the engine sends upstream. Hop-by-hop headers, `Host`, `Content-Length` and `Transfer-Encoding` are
/// the caller's to remove: curl sets the host from `url` and frames the body itself from `body`.
public struct UpstreamRequest: Sendable {
    public enum Body: Sendable, Equatable {
        case none
        /// A body of known length (`Content-Length` from the client).
        case length(Int64)
        /// A body of unknown length (chunked from the client): sent chunked upstream.
        case streamed
    }

    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(method: String, url: String, headers: [(name: String, value: String)], body: Body) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The final (non-1xx) answer head as the upstream sent it, every header line in order.
public struct UpstreamResponseHead: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]

    public init(status: Int, headers: [(name: String, value: String)]) {
        self.status = status
        self.headers = headers
    }
}

/// Why a transfer ended without a complete answer.
public enum UpstreamError: Error, Sendable, Equatable {
    /// The upstream could not be reached: refused, unresolvable, reset before an answer, TLS failure.
    case unreachable(String)
    /// No answer head, or no body bytes, within the configured time; or no connection within `connect_timeout`.
    case timedOut(String)
    /// The transfer broke after it had begun (a short body, a reset mid-answer, a protocol error).
    case failed(String)
    /// The client went away, or the engine shut down.
    case cancelled
}

/// Events from a transfer, delivered in order on the transfer's event loop.
public protocol UpstreamTransferDelegate: AnyObject {
    func upstreamTransfer(_ transfer: UpstreamTransfer, didReceiveHead head: UpstreamResponseHead)
    /// Report `buffer.readableBytes` back through `UpstreamTransfer.bodyWritten(_:)` once the client has taken them.
    func upstreamTransfer(_ transfer: UpstreamTransfer, didReceiveBody buffer: ByteBuffer)
    /// The request body buffer has drained: read more from the client.
    func upstreamTransferWantsRequestBody(_ transfer: UpstreamTransfer)
    /// The last event of a transfer; `nil` when the answer arrived whole.
    func upstreamTransfer(_ transfer: UpstreamTransfer, didFinishWith error: UpstreamError?)
    /// Closes each batch of events delivered together: the moment to flush.
    func upstreamTransferDidDeliverBatch(_ transfer: UpstreamTransfer)
}
