import NIOCore
import NIOHTTP1
import NIOPosix

/// The admin listener (contract §7), apart from the proxy listener. For now it answers `GET /healthz`;
/// the supplier, sanction and report endpoints arrive with the issues that build them.
public final class AdminServer: Sendable {
    private let channel: any Channel

    public var port: Int { self.channel.localAddress?.port ?? 0 }

    private init(channel: any Channel) {
        self.channel = channel
    }

    public static func start(host: String, port: Int, group: any EventLoopGroup) async throws -> AdminServer {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(AdminHandler())
                }
            }
            .bind(host: host, port: port)
            .get()
        return AdminServer(channel: channel)
    }

    public func close() async {
        try? await self.channel.close()
    }
}

private final class AdminHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var pending: HTTPRequestHead?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head): self.pending = head
        case .body: break
        case .end:
            guard let head = self.pending else { return }
            self.pending = nil
            let path = head.uri.split(separator: "?", maxSplits: 1).first ?? ""
            let (status, body): (HTTPResponseStatus, String) =
                switch (head.method, path) {
                case (.GET, "/healthz"), (.HEAD, "/healthz"): (.ok, "{\"status\":\"serving\"}")
                default: (.notFound, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")
                }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: status == .ok ? "application/json" : "application/problem+json")
            headers.add(name: "Content-Length", value: String(body.utf8.count))
            context.write(
                self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
