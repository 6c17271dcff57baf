extension PortvaktConfiguration {
    /// The inbound HTTP/1.1 side of the proxy listener.
    public struct Server: Sendable, Equatable {
        /// Largest request header section (all field names and values) accepted; larger ones get 431.
        public var maxHeaderBytes: Int
        /// A keep-alive connection without a request for this long is closed.
        public var idleTimeout: Duration
        /// On SIGTERM, requests in flight get this long to finish before connections are closed.
        public var drainTimeout: Duration
        /// Event-loop threads for client connections; 0 means one per core. (The curl engine has its own thread.)
        public var threads: Int
        public static let maximumThreads = 256
        /// Most header fields a request may have; more get 431.
        public var maxHeaders: Int
        /// Longest request target (path and query) accepted; longer ones get 414.
        public var maxURIBytes: Int
        /// From a request's first byte, how long its head may take (then 408): against slow clients.
        public var headerTimeout: Duration
        /// Client connections open at once; more are closed as they arrive.
        public var maxConnections: Int

        public init(
            maxHeaderBytes: Int, idleTimeout: Duration, drainTimeout: Duration, threads: Int = 0, maxHeaders: Int = 100,
            maxURIBytes: Int = 8 << 10, headerTimeout: Duration = .seconds(10), maxConnections: Int = 10_000
        ) {
            self.maxHeaderBytes = maxHeaderBytes
            self.idleTimeout = idleTimeout
            self.drainTimeout = drainTimeout
            self.threads = threads
            self.maxHeaders = maxHeaders
            self.maxURIBytes = maxURIBytes
            self.headerTimeout = headerTimeout
            self.maxConnections = maxConnections
        }

        public static let `default` = Server(
            maxHeaderBytes: 32 << 10, idleTimeout: .seconds(60), drainTimeout: .seconds(30), threads: 0)
    }
}

extension PortvaktConfiguration.Server {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            maxHeaderBytes: section.scalar("max_header_bytes", .byteSize) ?? d.maxHeaderBytes,
            idleTimeout: section.scalar("idle_timeout", .duration) ?? d.idleTimeout,
            drainTimeout: section.scalar("drain_timeout", .duration) ?? d.drainTimeout,
            // Each thread is an event loop and a curl engine: thousands would exhaust the machine before serving.
            threads: section.scalar("threads", .integer(in: 0...Self.maximumThreads)) ?? d.threads,
            maxHeaders: section.scalar("max_headers", .integer(atLeast: 1)) ?? d.maxHeaders,
            maxURIBytes: section.scalar("max_uri_bytes", .byteSize) ?? d.maxURIBytes,
            headerTimeout: section.scalar("header_timeout", .duration) ?? d.headerTimeout,
            maxConnections: section.scalar("max_connections", .integer(atLeast: 1)) ?? d.maxConnections)
    }
}
