import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A stand-in for the Altinn endpoints on loopback: an HTTP/1.1 server with keep-alive that answers the
/// platform products' paths (`/dialogporten/api/v1/...`, `/correspondence/...`, `/broker/...`, `/events/...`,
/// `/storage/...`, `/authentication/...`), Altinn Studio apps (`/{org}/{app}/instances/...`) and the test
/// endpoints under `/_test/` (see `StandInRoute` and `TestEndpointAnswers`). The upstream that Portvakt's demo
/// and tests run against.
///
/// Answers are deterministic: the same request gives the same bytes on every run until a write changes the
/// state (`POST /dialogporten/api/v1/serviceowner/dialogs` adds a dialog; `PUT`/`PATCH` on one gives it a new
/// revision).
public final class StandInAltinn: Sendable {
    /// The port it listens on (the one chosen by the system when started with port 0).
    public let port: Int
    /// `http://HOST:PORT`, without a trailing slash.
    public let baseURL: String

    private let serverChannel: any Channel
    private let state: StandInState
    private let openConnections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>

    private init(
        port: Int,
        baseURL: String,
        serverChannel: any Channel,
        state: StandInState,
        openConnections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>
    ) {
        self.port = port
        self.baseURL = baseURL
        self.serverChannel = serverChannel
        self.state = state
        self.openConnections = openConnections
    }

    /// Binds and starts serving; `port` 0 picks a free port.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        group: any EventLoopGroup
    ) async throws -> StandInAltinn {
        let state = StandInState()
        let openConnections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let hostInURL = host.contains(":") ? "[\(host)]" : host

        let serverChannel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // Room for a few generated pieces in flight; a slow reader still stops the writing at 512 KiB.
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 128 * 1024, high: 512 * 1024))
            .childChannelInitializer { channel in
                state.counters.withLockedValue { $0.connectionsAccepted += 1 }
                let key = ObjectIdentifier(channel)
                openConnections.withLockedValue { $0[key] = channel }
                channel.closeFuture.whenComplete { _ in
                    openConnections.withLockedValue { $0[key] = nil }
                }
                // The accepted socket's local address is the listener's, so the port is known here.
                let baseURL = "http://\(hostInURL):\(channel.localAddress?.port ?? port)"
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true,
                        withErrorHandling: true
                    )
                    try channel.pipeline.syncOperations.addHandler(
                        StandInAltinnHandler(responder: StandInResponder(baseURL: baseURL, state: state))
                    )
                }
            }
            .bind(host: host, port: port)
            .get()

        let boundPort = serverChannel.localAddress?.port ?? port
        return StandInAltinn(
            port: boundPort,
            baseURL: "http://\(hostInURL):\(boundPort)",
            serverChannel: serverChannel,
            state: state,
            openConnections: openConnections
        )
    }

    /// Connections accepted since start; with a keep-alive client this stays at 1 over many requests.
    public var connectionsAccepted: Int {
        self.state.counters.withLockedValue { $0.connectionsAccepted }
    }

    /// Request heads received since start, on every route (including ones that are never answered).
    public var requestsServed: Int {
        self.state.counters.withLockedValue { $0.requestsServed }
    }

    /// Body bytes received by the upload sinks (`POST .../filetransfer/{id}/upload` and TUS `PATCH`), counted
    /// as they arrive.
    public var uploadedBytes: Int {
        self.state.counters.withLockedValue { $0.uploadedBytes }
    }

    /// The ids of the dialogs present at start, newest first (`GET .../enduser/dialogs/{id}` answers 404 for
    /// ids it does not know).
    public static let seededDialogIDs: [String] = DialogLedger().dialogs.map(\.id)

    /// Stops listening and closes every open connection, including ones held by `/_test/hang`.
    public func shutdown() async throws {
        try await self.serverChannel.close()
        let connections = self.openConnections.withLockedValue { Array($0.values) }
        for connection in connections {
            try? await connection.close()
        }
    }
}
