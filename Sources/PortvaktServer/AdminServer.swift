import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The admin listener (contract §7), apart from the proxy listener: `GET /healthz` for anyone, and the
/// `AdminAPI` under `/admin/` behind its bearer token.
public final class AdminServer: Sendable {
    private let channel: any Channel
    /// Read by each request, so a reloaded token is asked for from the next request on.
    private let api: NIOLockedValueBox<AdminAPI?>

    public var port: Int { self.channel.localAddress?.port ?? 0 }

    private init(channel: any Channel, api: NIOLockedValueBox<AdminAPI?>) {
        self.channel = channel
        self.api = api
    }

    /// The bearer token asked for from now on (a reload).
    public func replaceToken(_ token: String) {
        self.api.withLockedValue { $0?.token = token }
    }

    public static func start(
        host: String, port: Int, api: AdminAPI? = nil, group: any EventLoopGroup
    ) async throws -> AdminServer {
        let api = NIOLockedValueBox(api)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(AdminHandler(api: api))
                }
            }
            .bind(host: host, port: port)
            .get()
        return AdminServer(channel: channel, api: api)
    }

    public func close() async {
        try? await self.channel.close()
    }
}

private final class AdminHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest request body the admin API reads (a sanction is a few hundred bytes).
    private static let maxBodyBytes = 64 << 10

    private let current: NIOLockedValueBox<AdminAPI?>
    private var pending: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The body went past `maxBodyBytes`: answered 413, never read as a truncated request.
    private var isBodyTooLarge = false

    init(api: NIOLockedValueBox<AdminAPI?>) {
        self.current = api
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.pending = head
            self.body = []
            self.isBodyTooLarge = false
        case .body(let chunk):
            if self.body.count + chunk.readableBytes <= Self.maxBodyBytes {
                self.body.append(contentsOf: chunk.readableBytesView)
            } else {
                self.isBodyTooLarge = true
            }
        case .end:
            guard let head = self.pending else { return }
            self.pending = nil
            let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let path = parts.first ?? ""
            let api = self.current.withLockedValue { $0 }
            let answer: AdminAPI.Answer
            if self.isBodyTooLarge {
                answer = .problem(
                    .payloadTooLarge, "The admin API takes bodies of at most \(Self.maxBodyBytes >> 10) KiB.")
            } else if path == "/healthz", head.method == .GET || head.method == .HEAD {
                answer = AdminAPI.Answer(status: .ok, body: "{\"status\":\"serving\"}")
            } else if path == "/metrics", head.method == .GET, let metrics = api?.metrics {
                answer = AdminAPI.Answer(
                    status: .ok, body: metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
            } else if let api, path.hasPrefix("/admin/") {
                answer = api.answer(
                    method: head.method, path: path, query: AdminQuery(parts.count > 1 ? parts[1] : ""),
                    authorization: head.headers.first(name: "authorization"),
                    body: self.body, now: WallClock.nanosecondsSinceEpoch())
            } else {
                answer = .problem(.notFound, "Nothing is served at \(path.prefix(100)) on the admin listener.")
            }
            let status = answer.status
            let body = answer.body
            var headers = HTTPHeaders()
            // A 204 has no content and says nothing of its length (RFC 9110 §8.6).
            if status != .noContent {
                headers.add(name: "Content-Type", value: answer.contentType)
                headers.add(name: "Content-Length", value: String(body.utf8.count))
            }
            if let allow = answer.allow { headers.add(name: "Allow", value: allow) }
            if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
            context.write(
                self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil)
            if !body.isEmpty {
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            }
            if head.isKeepAlive {
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            } else {
                // A client that asked to close (or an HTTP/1.0 one) is answered, then the connection ends
                // (RFC 9112 §9.6).
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in
                    bound.value.close(promise: nil)
                }
            }
        }
    }
}
