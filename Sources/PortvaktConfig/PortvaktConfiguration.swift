import Yams

/// The whole config file (contract §2), typed. Every section has defaults; `default` is what an empty file means,
/// and exactly what the shipped `Config/portvakt.yaml` spells out.
public struct PortvaktConfiguration: Sendable, Equatable {
    /// The proxy listener.
    public var listen: HostPort
    /// TLS on it; nil serves plain HTTP (TLS terminated in front).
    public var tls: TLS?
    public var server: Server
    public var admin: Admin
    public var upstreams: Upstreams
    public var identity: Identity
    public var state: State
    public var accessLog: AccessLog
    public var limits: [LimitRule]
    public var polling: Polling
    /// The terms' rules beyond polling (§2.2, §7.1): an extension of contract §2.
    public var rules: Rules
    public var sanctions: Sanctions
    /// Nil: this instance stands alone.
    public var cluster: Cluster?
    public var maintenance: [MaintenanceWindow]

    public init(
        listen: HostPort, server: Server, admin: Admin, upstreams: Upstreams, identity: Identity, state: State,
        accessLog: AccessLog, limits: [LimitRule], polling: Polling, rules: Rules = .default, sanctions: Sanctions,
        cluster: Cluster?, maintenance: [MaintenanceWindow]
    ) {
        self.listen = listen
        self.tls = nil
        self.server = server
        self.admin = admin
        self.upstreams = upstreams
        self.identity = identity
        self.state = state
        self.accessLog = accessLog
        self.limits = limits
        self.polling = polling
        self.rules = rules
        self.sanctions = sanctions
        self.cluster = cluster
        self.maintenance = maintenance
    }

    public static let `default` = PortvaktConfiguration(
        listen: HostPort(host: "127.0.0.1", port: 8080), server: .default, admin: .default, upstreams: .default,
        identity: .default, state: .default, accessLog: .default, limits: defaultLimits, polling: .default,
        rules: .default, sanctions: .default, cluster: nil, maintenance: [])

    /// What applies when the file has no `limits`: Dialogporten's planned default (ALTINN.md §5) and Broker's
    /// published limits, which "apply per Maskinporten integration", hence keyed by client_id.
    public static let defaultLimits: [LimitRule] = {
        let perMinute = Duration.seconds(60)
        func broker(_ name: String, _ method: String, _ route: String, _ count: Int) -> LimitRule {
            LimitRule(
                name: "broker-" + name, match: .init(product: "broker", method: method, route: route),
                key: .clientID, rate: Rate(count: count, period: perMinute), burst: count)
        }
        let fileTransfer = "/broker/api/v1/filetransfer"
        return [
            LimitRule(
                name: "dialogporten-default", match: .init(product: "dialogporten"), key: .supplier,
                rate: Rate(count: 120, period: perMinute), burst: 120),
            broker("initialize", "POST", fileTransfer, 120),
            broker("upload", "POST", fileTransfer + "/*/upload", 120),
            broker("initialize-and-upload", "POST", fileTransfer + "/upload", 120),
            broker("overview", "GET", fileTransfer + "/*", 120),
            broker("details", "GET", fileTransfer + "/*/details", 10),
            broker("search", "GET", fileTransfer, 10),
            broker("download", "GET", fileTransfer + "/*/download", 120),
            broker("confirm-download", "POST", fileTransfer + "/*/confirmdownload", 120),
        ]
    }()
}

extension PortvaktConfiguration {
    /// Reads the top-level mapping; sections that are absent or wrong keep their defaults (the problems are logged).
    init(reading root: SectionReader) {
        let d = Self.default
        self.init(
            listen: root.scalar("listen", .hostPort) ?? d.listen,
            server: root.section("server", Server.init(reading:)) ?? d.server,
            admin: root.section("admin", Admin.init(reading:)) ?? d.admin,
            upstreams: root.section("upstreams", Upstreams.init(reading:)) ?? d.upstreams,
            identity: root.section("identity", Identity.init(reading:)) ?? d.identity,
            state: root.section("state", State.init(reading:)) ?? d.state,
            accessLog: root.section("access_log", AccessLog.init(reading:)) ?? d.accessLog,
            limits: LimitRule.readAll(from: root) ?? d.limits,
            polling: root.section("polling", Polling.init(reading:)) ?? d.polling,
            rules: root.section("rules", Rules.init(reading:)) ?? d.rules,
            sanctions: root.section("sanctions", Sanctions.init(reading:)) ?? d.sanctions,
            cluster: root.section("cluster", Cluster.init(reading:)),
            maintenance: MaintenanceWindow.readAll(from: root) ?? d.maintenance)
        tls = root.section("tls", TLS.init(reading:))
        if listen == admin.listen, listen.port != 0 {
            root.log.report(
                "admin.listen must differ from listen (\(listen)): "
                    + "the admin API is never reachable on the proxy listener",
                at: root.node("admin")?.mapping?["listen"]?.mark ?? root.mark(of: "listen"))
        }
    }
}
