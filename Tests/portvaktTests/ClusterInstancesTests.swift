import Foundation
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// Three `portvakt serve` instances sharing their limits through a real Redis (issue 7): one burst for all
/// of them, and each instance's failure policy while Redis is gone, recovered from when it is back.
@Suite struct ClusterInstancesTests {
    private static let group = MultiThreadedEventLoopGroup.singleton
    private static let dialogs = "/dialogporten/api/v1/enduser/dialogs"

    /// Instances named a, b, c with the given failure policies, one limit on Dialogporten by client address (the
    /// start-up probes of `/healthz` are left out of it).
    private static func instances(
        redis: Int, upstream: Int, burst: Int, policies: [String]
    ) async throws -> [(served: ServedPortvakt, process: PortvaktProcess)] {
        var started: [(ServedPortvakt, PortvaktProcess)] = []
        for (index, policy) in policies.enumerated() {
            let served = try ServedPortvakt()
            try served.writeConfig(
                """
                upstreams: { platform: http://127.0.0.1:\(upstream), apps: "http://{org}.localhost:\(upstream)" }
                sanctions: { enabled: false }
                limits:
                  - { name: dialogporten, match: { product: dialogporten }, key: ip, rate: \(burst)/60s, burst: \(burst) }
                  - { name: broker, match: { product: broker }, key: ip, rate: 1000/60s, burst: 1000 }
                cluster:
                  redis: 127.0.0.1:\(redis)
                  instance: instance-\(["a", "b", "c"][index])
                  expected_instances: \(policies.count)
                  on_store_failure: \(policy)
                """)
            started.append((served, try await served.start()))
        }
        return started
    }

    private static func statuses(_ port: Int, count: Int) async throws -> [Int] {
        let client = SimulationClient(host: "127.0.0.1", port: port, group: Self.group, timeout: .seconds(5))
        defer { Task { try? await client.close() } }
        var statuses: [Int] = []
        for _ in 0..<count { statuses.append(try await client.send("GET", Self.dialogs).status) }
        return statuses
    }

    @Test func aBurstSpreadOverThreeInstancesObeysTheGlobalBurst() async throws {
        let redis = try await RedisServer.start()
        let standIn = try await StandInAltinn.start(group: Self.group)
        let instances = try await Self.instances(
            redis: redis.port, upstream: standIn.port, burst: 10, policies: ["local", "local", "local"])
        defer {
            for (served, process) in instances {
                kill(process.process.processIdentifier, SIGTERM)
                served.removeDirectory()
            }
        }
        // Thirty requests at once, ten on each instance.
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for (served, _) in instances {
                for _ in 0..<2 { group.addTask { try await Self.statuses(served.proxyPort, count: 5) } }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.count == 30)
        #expect(statuses.filter { $0 == 200 }.count == 10)
        #expect(statuses.filter { $0 == 429 }.count == 20)

        // A body sent while the shared limits decide waits, then goes upstream whole.
        let client = SimulationClient(
            host: "127.0.0.1", port: instances[0].served.proxyPort, group: Self.group, timeout: .seconds(10))
        let size = 4 << 20
        let uploaded = try await client.upload(
            "POST", "/broker/api/v1/filetransfer/f1/upload", bytes: size, contentLength: true)
        try? await client.close()
        #expect(uploaded.status == 200)
        let sink = try JSONSerialization.jsonObject(with: Data(uploaded.body)) as? [String: Any]
        #expect(sink?["bytes"] as? Int == size)
        #expect(sink?["sha256"] as? String == BytePattern.sha256Hex(of: 0..<size))
        try await standIn.shutdown()
    }

    @Test func withRedisGoneEachInstanceFollowsItsPolicyAndSharingResumesWhenItIsBack() async throws {
        let redis = try await RedisServer.start()
        let standIn = try await StandInAltinn.start(group: Self.group)
        let instances = try await Self.instances(
            redis: redis.port, upstream: standIn.port, burst: 6, policies: ["open", "closed", "local"])
        defer {
            for (served, process) in instances {
                kill(process.process.processIdentifier, SIGTERM)
                served.removeDirectory()
            }
        }
        let (open, closed, local) = (instances[0].served, instances[1].served, instances[2].served)
        #expect(try await Self.statuses(closed.proxyPort, count: 1) == [200])

        redis.stop()
        let started = ContinuousClock.now
        #expect(try await Self.statuses(open.proxyPort, count: 8) == Array(repeating: 200, count: 8))
        #expect(try await Self.statuses(closed.proxyPort, count: 3) == [503, 503, 503])
        // Each instance alone may allow a third of the limit: two of six.
        #expect(try await Self.statuses(local.proxyPort, count: 4) == [200, 200, 429, 429])
        #expect(ContinuousClock.now - started < .seconds(5))

        let back = try await RedisServer.start(port: redis.port)
        var resumed: [Int] = []
        for _ in 0..<40 where resumed != [200] {
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
        try await standIn.shutdown()
    }
}
