import Foundation
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Synchronization
import Testing

/// Three `portvakt serve` instances sharing their limits through a real Redis (issue 7): one burst for all
/// of them, and each instance's failure policy while Redis is gone, recovered from when it is back.
@Suite struct ClusterInstancesTests {
    private static let group = MultiThreadedEventLoopGroup.singleton
    private static let dialogs = "/dialogporten/api/v1/enduser/dialogs"

    private static let issuer = OtherTestIssuers.first
    private static let supplier = "312345676"

    private static var token: String { issuer.maskinportenToken(supplier: supplier) }

    /// One instance with the given failure policy, one limit on Dialogporten by client address (the start-up
    /// probes of `/healthz` are left out of it), tokens from the test issuer.
    private static func instance(
        _ name: String, redis: Int, upstream: Int, burst: Int, policy: String, expected: Int = 3,
        sanctions: String = "sanctions: { enabled: false }"
    ) async throws -> (served: ServedPortvakt, process: PortvaktProcess) {
        let served = try ServedPortvakt()
        let keys = served.directory + "/issuer.jwks.json"
        try Self.issuer.publicJWKS.write(to: URL(fileURLWithPath: keys))
        try served.writeConfig(
            """
            upstreams: { platform: http://127.0.0.1:\(upstream), apps: "http://{org}.localhost:\(upstream)" }
            identity: { jwks: [\(keys)], issuers: [https://test.maskinporten.no/] }
            \(sanctions)
            limits:
              - { name: dialogporten, match: { product: dialogporten }, key: ip, rate: \(burst)/60s, burst: \(burst) }
              - { name: broker, match: { product: broker }, key: ip, rate: 1000/60s, burst: 1000 }
            cluster:
              redis: 127.0.0.1:\(redis)
              instance: \(name)
              expected_instances: \(expected)
              on_store_failure: \(policy)
            """)
        return (served, try await served.start())
    }

    /// Redis, the stand-in and the instances of one test.
    private final class RunningCluster {
        let redis: RedisServer
        let standIn: StandInAltinn
        var instances: [(served: ServedPortvakt, process: PortvaktProcess)] = []

        init(redis: RedisServer, standIn: StandInAltinn) {
            self.redis = redis
            self.standIn = standIn
        }

        func stop() async {
            for (served, process) in instances {
                kill(process.process.processIdentifier, SIGTERM)
                _ = try? await process.finish(within: .seconds(10))
                served.removeDirectory()
            }
            try? await standIn.shutdown()
            redis.stop()
        }
    }

    /// Runs `body` with a Redis, the stand-in and instances named a, b, c with the given failure policies, and
    /// takes them down after, whatever happened.
    private static func withCluster(
        burst: Int, policies: [String], sanctions: String = "sanctions: { enabled: false }",
        _ body: (RunningCluster) async throws -> Void
    ) async throws {
        let cluster = RunningCluster(
            redis: try await RedisServer.start(), standIn: try await StandInAltinn.start(group: Self.group))
        do {
            for (index, policy) in policies.enumerated() {
                cluster.instances.append(
                    try await Self.instance(
                        "instance-\(["a", "b", "c"][index])", redis: cluster.redis.port, upstream: cluster.standIn.port,
                        burst: burst, policy: policy, expected: policies.count, sanctions: sanctions))
            }
            try await body(cluster)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    private static func statuses(_ port: Int, count: Int, headers: [(String, String)] = []) async throws -> [Int] {
        let client = SimulationClient(host: "127.0.0.1", port: port, group: Self.group, timeout: .seconds(5))
        defer { Task { try? await client.close() } }
        var statuses: [Int] = []
        for _ in 0..<count { statuses.append(try await client.send("GET", Self.dialogs, headers: headers).status) }
        return statuses
    }

    /// The supplier's next request through the instance at `port`: its status.
    private static func supplierStatus(_ port: Int) async throws -> Int {
        try await Self.statuses(port, count: 1, headers: [("Authorization", "Bearer \(Self.token)")])[0]
    }

    /// Polls until the supplier's requests through `port` get `status` (at most about 5 s); whether they did.
    private static func eventually(_ port: Int, answers status: Int) async throws -> Bool {
        for _ in 0..<100 {
            if try await Self.supplierStatus(port) == status { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Twelve reads of one unchanged dialog list, round-robin over three instances: each instance alone sees
    /// four, under `min_requests: 6`; judged together they are polling, and the notice reaches every instance
    /// (checked: with each instance judging its own answers, none reaches it).
    @Test func pollingRoundRobinOverThreeInstancesIsSeenAndNoticedOnAll() async throws {
        try await Self.withCluster(
            burst: 1000, policies: ["local", "local", "local"],
            sanctions: "polling: { min_requests: 6, max_interval: 10m, unchanged_ratio: 0.7 }"
        ) { cluster in
            let clients = cluster.instances.map {
                SimulationClient(host: "127.0.0.1", port: $0.served.proxyPort, group: Self.group, timeout: .seconds(5))
            }
            let authorized = [("Authorization", "Bearer \(Self.token)")]
            for round in 0..<12 {
                #expect(try await clients[round % 3].send("GET", Self.dialogs, headers: authorized).status == 200)
                try await Task.sleep(for: .milliseconds(100))
            }
            clients.forEach { client in Task { try? await client.close() } }
            // Asked of the admin API, not with more reads, which would add to each instance's own count.
            for (served, _) in cluster.instances {
                let admin = SimulationClient(host: "127.0.0.1", port: served.adminPort, group: Self.group)
                var level: String?
                for _ in 0..<100 where level != "notice" {
                    let detail = try await admin.send(
                        "GET", "/admin/suppliers/\(Self.supplier)", headers: [("Authorization", "Bearer admin-secret")])
                    let supplier = try JSONSerialization.jsonObject(with: Data(detail.body)) as? [String: Any]
                    level = supplier?["level"] as? String
                    if level != "notice" { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(level == "notice")
                try? await admin.close()
            }
        }
    }

    @Test func aCutOffSetOnOneInstanceIsInForceOnAllAndOutlivesARestart() async throws {
        try await Self.withCluster(burst: 1000, policies: ["local", "local", "local"]) { cluster in
            for (served, _) in cluster.instances { #expect(try await Self.supplierStatus(served.proxyPort) == 200) }

            let admin = SimulationClient(
                host: "127.0.0.1", port: cluster.instances[0].served.adminPort, group: Self.group)
            let authorized = [("Authorization", "Bearer admin-secret")]
            let imposed = try await admin.send(
                "POST", "/admin/sanctions", headers: authorized,
                body: Array(
                    #"{"supplier":"\#(Self.supplier)","level":"cutoff","for":"24h","reason":"incident 7"}"#.utf8))
            try? await admin.close()
            #expect(imposed.status == 201)
            let imposedAt = ContinuousClock.now
            #expect(try await Self.eventually(cluster.instances[1].served.proxyPort, answers: 403))
            #expect(try await Self.eventually(cluster.instances[2].served.proxyPort, answers: 403))
            // By design within a poll (250 ms) and a round trip; the bound leaves room for a loaded machine (a full
            // test run once starved a task for over 3 s).
            #expect(ContinuousClock.now - imposedAt < .seconds(8))

            // b dies and a new instance takes its place, with a state directory of its own: Redis remembers.
            kill(cluster.instances[1].process.process.processIdentifier, SIGKILL)
            _ = try await cluster.instances[1].process.finish(within: .seconds(5))
            cluster.instances[1].served.removeDirectory()
            cluster.instances[1] = try await Self.instance(
                "instance-b", redis: cluster.redis.port, upstream: cluster.standIn.port, burst: 1000, policy: "local")
            #expect(try await Self.supplierStatus(cluster.instances[1].served.proxyPort) == 403)

            // Lifted on c: everyone serves the supplier again.
            let adminOfC = SimulationClient(
                host: "127.0.0.1", port: cluster.instances[2].served.adminPort, group: Self.group)
            let lifted = try await adminOfC.send("DELETE", "/admin/sanctions/\(Self.supplier)", headers: authorized)
            try? await adminOfC.close()
            #expect(lifted.status == 204)
            #expect(try await Self.eventually(cluster.instances[0].served.proxyPort, answers: 200))
            #expect(try await Self.eventually(cluster.instances[1].served.proxyPort, answers: 200))
        }
    }

    @Test func aBurstSpreadOverThreeInstancesObeysTheGlobalBurst() async throws {
        try await Self.withCluster(burst: 10, policies: ["local", "local", "local"]) { cluster in
            // Thirty requests at once, ten on each instance.
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for (served, _) in cluster.instances {
                    for _ in 0..<2 { group.addTask { try await Self.statuses(served.proxyPort, count: 5) } }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.count == 30)
            #expect(statuses.filter { $0 == 200 }.count == 10)
            #expect(statuses.filter { $0 == 429 }.count == 20)

            // A body sent while the shared limits decide waits, then goes upstream whole.
            let client = SimulationClient(
                host: "127.0.0.1", port: cluster.instances[0].served.proxyPort, group: Self.group, timeout: .seconds(10)
            )
            let size = 4 << 20
            let uploaded = try await client.upload(
                "POST", "/broker/api/v1/filetransfer/f1/upload", bytes: size, contentLength: true)
            try? await client.close()
            #expect(uploaded.status == 200)
            let sink = try JSONSerialization.jsonObject(with: Data(uploaded.body)) as? [String: Any]
            #expect(sink?["bytes"] as? Int == size)
            #expect(sink?["sha256"] as? String == BytePattern.sha256Hex(of: 0..<size))
        }
    }

    /// A burst of 1 000 shared by three: a busy instance's requests are decided from tokens Redis lent it.
    @Test func aBusyInstanceDecidesFromLeasedTokens() async throws {
        try await Self.withCluster(burst: 1000, policies: ["local", "local", "local"]) { cluster in
            let served = cluster.instances[0].served
            #expect(try await Self.statuses(served.proxyPort, count: 40) == Array(repeating: 200, count: 40))
            let admin = SimulationClient(host: "127.0.0.1", port: served.adminPort, group: Self.group)
            let metrics = String(decoding: try await admin.send("GET", "/metrics").body, as: UTF8.self)
            try? await admin.close()
            func value(_ name: String) -> Int {
                let line = metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }
                return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
            }
            let leased = value(#"portvakt_cluster_decisions{result="leased"}"#)
            let decided = value(#"portvakt_cluster_decisions{result="shared"}"#)
            #expect(leased > 0)
            #expect(leased + decided == 40)
            #expect(value("portvakt_cluster_lent_tokens") >= leased)
        }
    }

    @Test func withRedisGoneEachInstanceFollowsItsPolicyAndSharingResumesWhenItIsBack() async throws {
        try await Self.withCluster(burst: 6, policies: ["open", "closed", "local"]) { cluster in
            let (open, closed, local) = (
                cluster.instances[0].served, cluster.instances[1].served, cluster.instances[2].served
            )
            #expect(try await Self.statuses(closed.proxyPort, count: 1) == [200])

            // Load on every instance (Broker, its own generous limit) through the kill: no request may go unanswered.
            let unanswered = UnansweredCount()
            let load = cluster.instances.map { instance in
                Task {
                    let client = SimulationClient(
                        host: "127.0.0.1", port: instance.served.proxyPort, group: Self.group, timeout: .seconds(5))
                    while !unanswered.isStopped {
                        if (try? await client.send("GET", "/broker/api/v1/filetransfer/f1")) == nil { unanswered.add() }
                    }
                    try? await client.close()
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            cluster.redis.stop()
            let started = ContinuousClock.now
            #expect(try await Self.statuses(open.proxyPort, count: 8) == Array(repeating: 200, count: 8))
            #expect(try await Self.statuses(closed.proxyPort, count: 3) == [503, 503, 503])
            // Each instance alone may allow a third of the limit: two of six.
            #expect(try await Self.statuses(local.proxyPort, count: 4) == [200, 200, 429, 429])
            #expect(ContinuousClock.now - started < .seconds(10))
            unanswered.stop()
            for task in load { await task.value }
            #expect(unanswered.count == 0)

            let back = try await RedisServer.start(port: cluster.redis.port)
            var resumed: [Int] = []
            for _ in 0..<100 where resumed != [200] {
                try await Task.sleep(for: .milliseconds(100))
                resumed = try await Self.statuses(closed.proxyPort, count: 1)
            }
            #expect(resumed == [200])
            let admin = SimulationClient(host: "127.0.0.1", port: closed.adminPort, group: Self.group)
            let metrics = String(decoding: try await admin.send("GET", "/metrics").body, as: UTF8.self)
            try? await admin.close()
            #expect(metrics.contains("portvakt_cluster_redis_outages 1"))
            #expect(metrics.contains("portvakt_cluster_redis_up 1"))
            back.stop()
        }
    }
}

/// Requests of a load that got no answer at all (a timeout or a dropped connection), and when the load stops
/// (a flag rather than cancelling its task, which would cut a request short and count it here).
private final class UnansweredCount: Sendable {
    private let state = Mutex((count: 0, stopped: false))
    func add() { state.withLock { $0.count += 1 } }
    var count: Int { state.withLock { $0.count } }
    func stop() { state.withLock { $0.stopped = true } }
    var isStopped: Bool { state.withLock { $0.stopped } }
}
