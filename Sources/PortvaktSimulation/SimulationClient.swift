import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 client for the demo's simulated suppliers and Portvakt's tests. It keeps one keep-alive
/// connection, opens a new one when that has closed, and runs one exchange at a time (concurrent callers wait
/// their turn). Every call gives up after `timeout`, so a test never hangs; cancelling a call's task closes the
/// connection and fails the call.
///
/// Bodies can be generated and digested on the fly (`upload`, `download`), so gigabytes pass through with
/// flat memory in both directions.
public final class SimulationClient: Sendable {
    public let host: String
    public let port: Int
    /// How long one call may take, from sending the request to the end of the answer, unless the call gives its
    /// own limit (`send`'s `timeout`).
    public let timeout: Duration

    private let group: any EventLoopGroup
    private let gate = ExchangeGate()
    private let connection = NIOLockedValueBox<(any Channel)?>(nil)

    public init(host: String, port: Int, group: any EventLoopGroup, timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.group = group
        self.timeout = timeout
    }

    /// Sends a request with an optional body (with `Content-Length`) and returns the whole answer.
    ///
    /// A `Host` header is added unless `headers` has one; so is `Content-Length` when there is a body (or the
    /// method is POST, PUT or PATCH) and `headers` names neither `Content-Length` nor `Transfer-Encoding`.
    /// `timeout`, when given, is this call's limit instead of the client's: a test that expects no answer waits
    /// briefly for it without holding the calls that do expect one to the same short limit.
    public func send(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) async throws -> SimulationResponse {
        var head = try self.requestHead(method, target, headers: headers)
        let framed = head.headers.contains(name: "content-length") || head.headers.contains(name: "transfer-encoding")
        var requestBody = SimulationExchange.RequestBody.none
        if let body {
            if !framed { head.headers.add(name: "content-length", value: String(body.count)) }
            requestBody = .bytes(ByteBuffer(bytes: body))
        } else if !framed && [.POST, .PUT, .PATCH].contains(head.method) {
            head.headers.add(name: "content-length", value: "0")
        }
        let outcome = try await self.exchange(head, requestBody, answerBody: .collect, timeout: timeout)
        return SimulationResponse(
            head: outcome.head, body: Array(outcome.body.readableBytesView), roundTrip: outcome.roundTrip)
    }

    /// Streams a generated body of `bytes` (`BytePattern` from offset 0; chunked, or with `Content-Length` when
    /// `contentLength` is true) without holding it, writing only as fast as the connection drains; returns the
    /// whole answer. The body's SHA-256 is `BytePattern.sha256Hex(of: 0..<bytes)`.
    public func upload(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        bytes: Int,
        contentLength: Bool
    ) async throws -> SimulationResponse {
        var head = try self.requestHead(method, target, headers: headers)
        if contentLength {
            head.headers.replaceOrAdd(name: "content-length", value: String(bytes))
            head.headers.remove(name: "transfer-encoding")
        } else {
            head.headers.replaceOrAdd(name: "transfer-encoding", value: "chunked")
            head.headers.remove(name: "content-length")
        }
        let outcome = try await self.exchange(head, .generated(count: bytes), answerBody: .collect)
        return SimulationResponse(
            head: outcome.head, body: Array(outcome.body.readableBytesView), roundTrip: outcome.roundTrip)
    }

    /// Sends `GET target` and streams the answer body into a running SHA-256 and a byte count without holding
    /// it. With `readDelay`, each read from the socket (at most 64 KiB) waits that long first: a slow client,
    /// whose stalled receive window pushes back on the sender.
    public func download(
        _ target: String,
        headers: [(String, String)] = [],
        readDelay: Duration? = nil
    ) async throws -> (head: SimulationResponseHead, bytes: Int, sha256: String) {
        let head = try self.requestHead("GET", target, headers: headers)
        let outcome = try await self.exchange(
            head, .none, answerBody: .digest(readDelay: readDelay.map(TimeAmount.init)))
        return (outcome.head, outcome.byteCount, outcome.sha256Hex ?? "")
    }

    /// Closes the connection, waiting for a running call to finish first. A later call opens a new one.
    public func close() async throws {
        try await self.gate.withGate {
            let channel = self.connection.withLockedValue { connection in
                defer { connection = nil }
                return connection
            }
            do {
                try await channel?.close()
            } catch ChannelError.alreadyClosed {
                // Closed by the server or after a failed call: nothing left to do.
            }
        }
    }

    private func requestHead(_ method: String, _ target: String, headers: [(String, String)]) throws -> HTTPRequestHead
    {
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenCharacter) else {
            throw SimulationClientError.invalidMethod(method)
        }
        var head = HTTPRequestHead(
            version: .http1_1,
            method: HTTPMethod(rawValue: method),
            uri: target,
            headers: HTTPHeaders(headers)
        )
        if !head.headers.contains(name: "host") {
            head.headers.add(name: "host", value: "\(self.host):\(self.port)")
        }
        return head
    }

    private func exchange(
        _ head: HTTPRequestHead,
        _ requestBody: SimulationExchange.RequestBody,
        answerBody: SimulationExchange.AnswerBody,
        timeout: Duration? = nil
    ) async throws -> SimulationExchange.Outcome {
        try await self.gate.withGate {
            let channel = try await self.connectedChannel()
            let outcome = channel.eventLoop.makePromise(of: SimulationExchange.Outcome.self)
            let exchange = SimulationExchange(
                head: head,
                requestBody: requestBody,
                answerBody: answerBody,
                timeout: TimeAmount(timeout ?? self.timeout),
                outcome: outcome
            )
            // A write that never reaches the handler (the channel closed meanwhile) fails the exchange here;
            // one that does is always completed by the handler.
            channel.writeAndFlush(exchange).whenFailure { outcome.fail($0) }
            // Cancelling the calling task closes the connection, which ends the exchange at once.
            return try await withTaskCancellationHandler {
                try await outcome.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        }
    }

    /// The kept connection while it is open, else a new one.
    private func connectedChannel() async throws -> any Channel {
        if let channel = self.connection.withLockedValue({ $0 }), channel.isActive {
            return channel
        }
        let channel = try await ClientBootstrap(group: self.group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.writeBufferWaterMark, value: .init(low: 128 * 1024, high: 512 * 1024))
            // One socket read (at most 64 KiB) per read event, so a `readDelay` paces the answer predictably.
            .channelOption(.maxMessagesPerRead, value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(SimulationClientHandler())
                }
            }
            .connect(host: self.host, port: self.port)
            .get()
        self.connection.withLockedValue { $0 = channel }
        return channel
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
