extension PortvaktConfiguration {
    /// Where requests go, and how the curl engine treats those hosts.
    public struct Upstreams: Sendable, Equatable {
        /// Base URL of the platform host (dialogporten, correspondence, broker, events, storage, authentication),
        /// without a trailing `/`.
        public var platform: String
        /// Base URL template of Altinn Studio apps; `{org}` stands for the first path segment.
        public var apps: String
        /// Longest wait for a connection (TCP and TLS) to an upstream.
        public var connectTimeout: Duration
        /// Longest wait for the answer head or between two body bytes; past it the client gets 504.
        public var readTimeout: Duration
        /// Idle keep-alive connections each curl engine keeps for reuse (curl's connection cache size).
        public var maxConnectionsPerHost: Int
        /// Connection failures or timeouts in a row after which a host's requests fail fast; 0 never does.
        public var breakerFailures: Int
        /// How long they fail fast before one probe may go through.
        public var breakerCoolDown: Duration
        /// CA certificates (PEM) trusted for upstream TLS besides the system's store; nil trusts the system's.
        public var caFile: String?

        public init(
            platform: String, apps: String, connectTimeout: Duration, readTimeout: Duration, maxConnectionsPerHost: Int,
            breakerFailures: Int = 5, breakerCoolDown: Duration = .seconds(30), caFile: String? = nil
        ) {
            self.platform = platform
            self.apps = apps
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.breakerFailures = breakerFailures
            self.breakerCoolDown = breakerCoolDown
            self.caFile = caFile
        }

        /// Altinn's TT02 test environment, where suppliers test.
        public static let `default` = Upstreams(
            platform: "https://platform.tt02.altinn.no", apps: "https://{org}.apps.tt02.altinn.no",
            connectTimeout: .seconds(5), readTimeout: .seconds(30), maxConnectionsPerHost: 64)
    }
}

extension PortvaktConfiguration.Upstreams {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            platform: section.scalar("platform", .baseURL()) ?? d.platform,
            apps: section.scalar("apps", .baseURL(placeholder: "{org}")) ?? d.apps,
            connectTimeout: section.scalar("connect_timeout", .duration) ?? d.connectTimeout,
            readTimeout: section.scalar("read_timeout", .duration) ?? d.readTimeout,
            maxConnectionsPerHost: section.scalar("max_connections_per_host", .integer(atLeast: 1))
                ?? d.maxConnectionsPerHost,
            breakerFailures: section.scalar("breaker_failures", .integer(atLeast: 0)) ?? d.breakerFailures,
            breakerCoolDown: section.scalar("breaker_cool_down", .duration) ?? d.breakerCoolDown,
            caFile: section.filePath("ca_file"))
    }
}
