import Foundation
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Synchronization
import Testing

/// `portvakt serve` takes a changed config on SIGHUP and on a change of the file, under load and without a
/// failed request, and refuses a bad one while the running config stays in force.
@Suite struct ReloadTests {
    private static let group = MultiThreadedEventLoopGroup.singleton

    /// The listeners, the stand-in as upstream, a generous limit by client address, then `rest`.
    private static func config(_ served: ServedPortvakt, upstream: Int, rate: Int, _ rest: String = "") throws {
        try served.writeConfig(
            """
            upstreams: { platform: http://127.0.0.1:\(upstream), apps: "http://{org}.localhost:\(upstream)" }
            sanctions: { enabled: false }
            limits:
              - { name: everyone, key: ip, rate: \(rate)/1s, burst: \(rate) }
            \(rest)
            """)
    }

    /// A window over now (it ends in an hour), for `product`.
    private static func maintenance(of product: String) -> String {
        let now = Date()
        let format = ISO8601DateFormatter()
        return """
            maintenance:
              - { product: \(product), from: \(format.string(from: now - 60)), until: \(format.string(from: now + 3600)) }
            """
    }

    /// What `/metrics` says about reloads: `ok` and `failed`.
    private static func reloadCounts(adminPort: Int) async throws -> (ok: Int, failed: Int) {
        let admin = SimulationClient(host: "127.0.0.1", port: adminPort, group: Self.group)
        defer { Task { try? await admin.close() } }
        let text = String(decoding: try await admin.send("GET", "/metrics").body, as: UTF8.self)
        func count(_ result: String) -> Int {
            let prefix = "portvakt_config_reloads_total{result=\"\(result)\"} "
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap {
                Int($0.dropFirst(prefix.count))
            }
                ?? 0
        }
        return (count("ok"), count("failed"))
    }

    @Test func reloadsUnderLoadFailNoRequestAndTakeEffect() async throws {
        let standIn = try await StandInAltinn.start(group: Self.group)
        let served = try ServedPortvakt()
        defer { served.removeDirectory() }
        try Self.config(served, upstream: standIn.port, rate: 100_000)
        let process = try await served.start()
        defer { kill(process.process.processIdentifier, SIGTERM) }

        // Four keep-alive clients, each counting what did not come back 200.
        let tally = LoadTally()
        let load = (0..<4).map { _ in
            Task {
                let client = SimulationClient(
                    host: "127.0.0.1", port: served.proxyPort, group: Self.group, timeout: .seconds(10))
                while !tally.isStopped {
                    let status = try? await client.send("GET", "/broker/api/v1/filetransfer/f1").status
                    tally.count(servedOK: status == 200)
                }
                try? await client.close()
            }
        }

        // The load is running before the first reload (a loaded machine is slow to start it).
        let loadStarted = await eventually(within: .seconds(10), every: .milliseconds(100)) {
            tally.counts.served >= 10
        }
        #expect(loadStarted)
        let servedBeforeReloads = tally.counts.served
        // Reloads back to back, each by SIGHUP as soon as the file is written.
        for rate in [90_000, 80_000, 70_000, 60_000] {
            try Self.config(served, upstream: standIn.port, rate: rate)
            kill(process.process.processIdentifier, SIGHUP)
            try await Task.sleep(for: .milliseconds(100))
        }
        // By SIGHUP: a new limit and a maintenance window for Melding.
        try Self.config(served, upstream: standIn.port, rate: 50_000, Self.maintenance(of: "correspondence"))
        kill(process.process.processIdentifier, SIGHUP)
        let probe = SimulationClient(host: "127.0.0.1", port: served.proxyPort, group: Self.group)
        let inMaintenance = try await eventually(within: .seconds(10), every: .milliseconds(100)) {
            try await probe.send("GET", "/correspondence/api/v1/correspondence").status == 503
        }
        #expect(inMaintenance)
        // By a change of the file alone: the window moves to Dialogporten.
        try Self.config(served, upstream: standIn.port, rate: 50_000, Self.maintenance(of: "dialogporten"))
        let moved = try await eventually(within: .seconds(10), every: .milliseconds(100)) {
            try await probe.send("GET", "/dialogporten/api/v1/enduser/dialogs").status == 503
        }
        #expect(moved)
        let melding = try await probe.send("GET", "/correspondence/api/v1/correspondence")
        #expect(melding.status == 200)
        try? await probe.close()

        tally.stop()
        for task in load { await task.value }
        let (servedCount, failed) = tally.counts
        // Requests were served while the reloads happened, and none failed.
        #expect(servedCount > servedBeforeReloads)
        #expect(failed == 0)
        let reloads = try await Self.reloadCounts(adminPort: served.adminPort)
        // At least the two whose effect was seen; signals sent close together may arrive as one, and on a slow
        // machine the file watch may also pick up a version between two signals.
        #expect(reloads.ok >= 2)
        #expect(reloads.failed == 0)
        try await standIn.shutdown()
    }

    @Test func aBadConfigIsRefusedWithItsProblemsAndTheRunningOneStays() async throws {
        let standIn = try await StandInAltinn.start(group: Self.group)
        let served = try ServedPortvakt()
        defer { served.removeDirectory() }
        try Self.config(served, upstream: standIn.port, rate: 100_000)
        let process = try await served.start()

        // A bad rate on line 7 and a misspelt key on line 8 (the listeners, state and log take lines 1 to 4).
        try served.writeConfig(
            """
            upstreams: { platform: http://127.0.0.1:9, apps: "http://{org}.localhost:9" }
            limits:
              - { name: everyone, key: ip, rate: fast, burst: 1 }
            pollin: { enabled: false }
            """)
        kill(process.process.processIdentifier, SIGHUP)
        let refused = try await eventually(within: .seconds(10), every: .milliseconds(100)) {
            try await Self.reloadCounts(adminPort: served.adminPort).failed >= 1
        }
        #expect(refused)
        // Still the old upstream and the old limit.
        let client = SimulationClient(host: "127.0.0.1", port: served.proxyPort, group: Self.group)
        for _ in 0..<5 {
            #expect(try await client.send("GET", "/dialogporten/api/v1/enduser/dialogs").status == 200)
        }
        try? await client.close()

        kill(process.process.processIdentifier, SIGTERM)
        let outcome = try await process.finish(within: .seconds(10))
        let log = outcome.standardOutput + outcome.standardError
        #expect(log.contains("\(served.configPath):7:38: invalid rate 'fast'"))
        #expect(log.contains("\(served.configPath):8:1: unknown key 'pollin' (did you mean 'polling'?)"))
        #expect(log.contains("config reload refused"))
        try await standIn.shutdown()
    }

    @Test func aNewAdminTokenIsAskedForFromTheNextRequest() async throws {
        let served = try ServedPortvakt()
        defer { served.removeDirectory() }
        let upstream = "upstreams: { platform: http://127.0.0.1:9, apps: \"http://{org}.localhost:9\" }"
        try served.writeConfig(upstream)
        let process = try await served.start()
        defer { kill(process.process.processIdentifier, SIGTERM) }
        let admin = SimulationClient(host: "127.0.0.1", port: served.adminPort, group: Self.group)
        let suppliers = { (token: String) in
            try await admin.send("GET", "/admin/suppliers", headers: [("Authorization", "Bearer \(token)")]).status
        }
        #expect(try await suppliers("admin-secret") == 200)

        try served.writeConfig(upstream, adminToken: "rotated-secret")
        kill(process.process.processIdentifier, SIGHUP)
        #expect(
            try await eventually(within: .seconds(10), every: .milliseconds(100)) {
                try await suppliers("rotated-secret") == 200
            })
        #expect(try await suppliers("admin-secret") == 401)
        try? await admin.close()
    }
}

/// Requests of a load that came back 200 and those that did not, and whether the load should stop.
private final class LoadTally: Sendable {
    private let state = Mutex((served: 0, failed: 0, stopped: false))

    var isStopped: Bool { state.withLock { $0.stopped } }
    var counts: (served: Int, failed: Int) { state.withLock { ($0.served, $0.failed) } }

    func count(servedOK: Bool) {
        state.withLock { servedOK ? ($0.served += 1) : ($0.failed += 1) }
    }

    func stop() { state.withLock { $0.stopped = true } }
}
