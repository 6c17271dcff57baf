import Crypto
import Foundation
import Logging
import NIOCore
import NIOPosix
import PortvaktAccessLog
import PortvaktCore
import PortvaktIdentity
import PortvaktServer
import PortvaktSimulation
import PortvaktUpstream
import Synchronization

/// Everything an end-to-end test of the proxy needs, started fresh for one test: event loops, the stand-in
/// Altinn, the curl engine, an access log in a temporary directory, and the proxy listening on 127.0.0.1:0
/// with `platform` at the stand-in and `apps` at `{org}.localhost` on the stand-in's port (curl resolves every
/// `*.localhost` name to loopback). `withProxy` tears it all down after the test, whatever happened.
final class ProxyFixture: Sendable {
    struct Options: Sendable {
        var connectTimeout: Duration = .seconds(2)
        var readTimeout: Duration = .seconds(5)
        /// Bounds the teardown too: a drain never waits longer for a connection a test left open.
        var drainTimeout: Duration = .seconds(2)
        /// Where `platform` points instead of the stand-in (e.g. a closed port).
        var platformOverride: String?
        /// Runs the test alone among the proxy tests: for peak-memory measurements and heavy transfers,
        /// which would otherwise skew (and be skewed by) the timing of the tests beside them.
        var exclusive = false
        var eventLoopThreads = 2
        /// The limits the proxy applies; none by default.
        var limits: [RateLimitRule] = []
        /// How bearer tokens are verified; nil serves everyone as anonymous.
        var identity: IdentityPolicy?
        /// Each supplier's counts and sanction; nil applies none.
        var ledger: SupplierLedger?
        var maintenance = MaintenanceSchedule()
        var breakers: CircuitBreakers?
        var headerTimeout: Duration = .seconds(10)
        var idleTimeout: Duration = .seconds(60)
        var maxConnections = 10_000
    }

    let group: MultiThreadedEventLoopGroup
    let standIn: StandInAltinn
    let engine: UpstreamEngine
    let accessLog: AccessLogWriter
    let accessLogPath: String
    let server: ProxyServer
    /// What the proxy was started with: the base for a test's reload.
    let configuration: ProxyServer.Configuration
    private let directory: String
    private let clients = Mutex<[SimulationClient]>([])
    private let rawConnections = Mutex<[RawConnection]>([])

    var port: Int { self.server.port }

    private init(
        group: MultiThreadedEventLoopGroup,
        standIn: StandInAltinn,
        engine: UpstreamEngine,
        accessLog: AccessLogWriter,
        accessLogPath: String,
        server: ProxyServer,
        configuration: ProxyServer.Configuration,
        directory: String
    ) {
        self.group = group
        self.standIn = standIn
        self.engine = engine
        self.accessLog = accessLog
        self.accessLogPath = accessLogPath
        self.server = server
        self.configuration = configuration
        self.directory = directory
    }

    static func start(_ options: Options) async throws -> ProxyFixture {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: options.eventLoopThreads)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("portvakt-e2e-\(UUID().uuidString)").path
        var standIn: StandInAltinn?
        var engine: UpstreamEngine?
        var accessLog: AccessLogWriter?
        do {
            let altinn = try await StandInAltinn.start(group: group)
            standIn = altinn
            let upstream = try UpstreamEngine(
                configuration: .init(connectTimeout: options.connectTimeout, readTimeout: options.readTimeout)
            )
            upstream.start()
            engine = upstream
            let logPath = directory + "/access.jsonl"
            let pseudonymizer = options.identity?.verifier.pseudonymizer ?? Pseudonymizer(key: "test-key")
            let log = try AccessLogWriter(path: logPath, scrubber: IdentityNumberScrubber(pseudonymizer))
            accessLog = log
            let upstreams = try UpstreamMap(
                platform: options.platformOverride ?? altinn.baseURL,
                apps: "http://{org}.localhost:\(altinn.port)"
            )
            let configuration = ProxyServer.Configuration(
                host: "127.0.0.1",
                port: 0,
                upstreams: upstreams,
                accessLog: log,
                limiter: options.limits.isEmpty
                    ? nil : RateLimiter(rules: RateLimitRuleSet(rules: options.limits), capacity: 1024),
                identity: options.identity,
                ledger: options.ledger,
                headerTimeout: options.headerTimeout,
                maxConnections: options.maxConnections,
                idleTimeout: options.idleTimeout,
                drainTimeout: options.drainTimeout,
                maintenance: options.maintenance,
                breakers: options.breakers
            )
            let server = try await ProxyServer.start(
                configuration: configuration,
                engine: upstream,
                group: group,
                logger: Logger(label: "portvakt.e2e")
            )
            return ProxyFixture(
                group: group,
                standIn: altinn,
                engine: upstream,
                accessLog: log,
                accessLogPath: logPath,
                server: server,
                configuration: configuration,
                directory: directory
            )
        } catch {
            engine?.shutdown()
            accessLog?.close()
            try? await standIn?.shutdown()
            try? await group.shutdownGracefully()
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// A client of the proxy; closed at teardown.
    func client(timeout: Duration = .seconds(10)) -> SimulationClient {
        let client = SimulationClient(host: "127.0.0.1", port: self.port, group: self.group, timeout: timeout)
        self.clients.withLock { $0.append(client) }
        return client
    }

    /// A client of the stand-in itself, bypassing the proxy: what the upstream says when asked directly.
    func directClient(timeout: Duration = .seconds(10)) -> SimulationClient {
        let client = SimulationClient(host: "127.0.0.1", port: self.standIn.port, group: self.group, timeout: timeout)
        self.clients.withLock { $0.append(client) }
        return client
    }

    /// A plain TCP connection to the proxy, for bytes no well-behaved client would send; closed at teardown.
    func rawConnection(sending first: String? = nil) async throws -> RawConnection {
        let connection = try await RawConnection.open(port: self.port, group: self.group, sending: first)
        self.rawConnections.withLock { $0.append(connection) }
        return connection
    }

    /// Every access log line written so far, parsed; waits for the writer first.
    func accessLogRecords() throws -> [AccessLogLine] {
        self.accessLog.flush()
        let text = try String(contentsOfFile: self.accessLogPath, encoding: .utf8)
        return try text.split(separator: "\n").map { try AccessLogLine(String($0)) }
    }

    /// Polls `condition` every few milliseconds until it holds or `timeout` passes; returns its last value. The
    /// default is long because a passing check returns at once, and a CI run with every suite starting together
    /// has starved tasks for seconds.
    func eventually(
        within timeout: Duration = .seconds(10),
        _ condition: () throws -> Bool
    ) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try condition()
    }

    /// Takes everything down in the safe order: clients, proxy (drained), engine, log, stand-in, loops.
    func stop() async {
        for client in self.clients.withLock({ $0 }) { try? await client.close() }
        for connection in self.rawConnections.withLock({ $0 }) { await connection.close() }
        await self.server.drain()
        // After the drain no handler starts transfers; those left are cancelled, their events delivered on
        // loops that are still running.
        self.engine.shutdown()
        self.accessLog.close()
        try? await self.standIn.shutdown()
        try? await self.group.shutdownGracefully()
        try? FileManager.default.removeItem(atPath: self.directory)
    }
}

/// Starts a `ProxyFixture`, runs `body`, and tears the fixture down even when `body` throws.
func withProxy(
    _ options: ProxyFixture.Options = .init(),
    _ body: (ProxyFixture) async throws -> Void
) async throws {
    await ProxyTestGate.shared.acquire(exclusive: options.exclusive)
    let fixture: ProxyFixture
    do {
        fixture = try await ProxyFixture.start(options)
    } catch {
        await ProxyTestGate.shared.release(exclusive: options.exclusive)
        throw error
    }
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        await ProxyTestGate.shared.release(exclusive: options.exclusive)
        throw error
    }
    await fixture.stop()
    await ProxyTestGate.shared.release(exclusive: options.exclusive)
}

/// Lets the proxy tests run side by side, except those that ask to run alone: a reader-writer gate where an
/// exclusive test waits for the running ones to finish and holds new ones back until it is done.
actor ProxyTestGate {
    static let shared = ProxyTestGate()

    private var sharedHolders = 0
    private var exclusiveHeld = false
    private var waitingExclusive: [CheckedContinuation<Void, Never>] = []
    private var waitingShared: [CheckedContinuation<Void, Never>] = []

    func acquire(exclusive: Bool) async {
        if exclusive { await self.acquireExclusive() } else { await self.acquireShared() }
    }

    func release(exclusive: Bool) {
        if exclusive { self.releaseExclusive() } else { self.releaseShared() }
    }

    private func acquireShared() async {
        if self.exclusiveHeld || !self.waitingExclusive.isEmpty {
            // Resumed by `releaseExclusive`, which counts this holder in.
            await withCheckedContinuation { self.waitingShared.append($0) }
        } else {
            self.sharedHolders += 1
        }
    }

    private func releaseShared() {
        self.sharedHolders -= 1
        if self.sharedHolders == 0, !self.waitingExclusive.isEmpty {
            self.exclusiveHeld = true
            self.waitingExclusive.removeFirst().resume()
        }
    }

    private func acquireExclusive() async {
        if self.exclusiveHeld || self.sharedHolders > 0 {
            // Resumed by the last release, which hands the gate over.
            await withCheckedContinuation { self.waitingExclusive.append($0) }
        } else {
            self.exclusiveHeld = true
        }
    }

    private func releaseExclusive() {
        if !self.waitingExclusive.isEmpty {
            self.waitingExclusive.removeFirst().resume()
            return
        }
        self.exclusiveHeld = false
        self.sharedHolders += self.waitingShared.count
        for waiter in self.waitingShared { waiter.resume() }
        self.waitingShared.removeAll()
    }
}

/// One access log line, parsed.
struct AccessLogLine {
    let fields: [String: Any]

    init(_ line: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw TestFailure("access log line is not a JSON object: \(line)")
        }
        self.fields = object
    }

    func string(_ key: String) -> String? { self.fields[key] as? String }
    func int(_ key: String) -> Int? { (self.fields[key] as? NSNumber)?.intValue }
    func double(_ key: String) -> Double? { (self.fields[key] as? NSNumber)?.doubleValue }
    func bool(_ key: String) -> Bool? { self.fields[key] as? Bool }
    /// True when the key is present with the JSON value `null`.
    func isNull(_ key: String) -> Bool { self.fields[key] is NSNull }
}

/// What `/_test/echo` says it received.
struct EchoAnswer: Decodable {
    var method: String
    var uri: String
    var headers: [[String]]
    var bodyBytes: Int
    var bodySHA256: String

    enum CodingKeys: String, CodingKey {
        case method, uri, headers
        case bodyBytes = "body_bytes"
        case bodySHA256 = "body_sha256"
    }

    init(_ response: SimulationResponse) throws {
        self = try JSONDecoder().decode(EchoAnswer.self, from: Data(response.body))
    }

    /// Every value the upstream received for header `name`, compared case-insensitively.
    func values(_ name: String) -> [String] {
        self.headers.filter { $0.count == 2 && $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }

    func has(_ name: String) -> Bool { !self.values(name).isEmpty }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The lowercase hex SHA-256 of `bytes`.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 0x10 ? "0" + hex : hex
    }.joined()
}
