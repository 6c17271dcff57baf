import Foundation
import NIOPosix
import PortvaktSimulation
import PortvaktTestSupport
import Testing

/// A `portvakt serve` process on loopback, in a directory of its own with its config, state and access log.
struct ServedPortvakt {
    let directory: String
    let proxyPort: Int
    let adminPort: Int
    var configPath: String { self.directory + "/portvakt.yaml" }

    /// A fresh directory and two free ports; nothing runs yet.
    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-\(UUID())").path
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        (self.proxyPort, self.adminPort) = (try freeLoopbackPort(), try freeLoopbackPort())
    }

    /// The listeners, state and access log in this directory, then `rest` (upstreams, identity, limits, …).
    func writeConfig(_ rest: String, adminToken: String = "admin-secret") throws {
        try """
        listen: 127.0.0.1:\(self.proxyPort)
        admin: { listen: 127.0.0.1:\(self.adminPort), token: \(adminToken) }
        state: { path: \(self.directory)/state.sqlite }
        access_log: { path: \(self.directory)/access.jsonl, pseudonym_key: k }
        \(rest)
        """.write(toFile: self.configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `portvakt serve` on the config (`environment` added to this process's) and returns once both
    /// listeners answer; throws with what it printed if it ends before.
    func start(environment: [String: String] = [:]) async throws -> PortvaktProcess {
        let process = try PortvaktProcess(["serve", "--config", self.configPath], environment: environment)
        for port in [self.adminPort, self.proxyPort] {
            try await Self.waitUntilAnswering(port: port, path: "/healthz", unlessEnded: process)
        }
        return process
    }

    /// A `portvakt serve` that ended before it answered.
    struct EndedBeforeAnswering: Error, CustomStringConvertible {
        var outcome: PortvaktProcess.Outcome
        var description: String {
            "portvakt serve ended (status \(outcome.status)) before it answered: \(outcome.standardError)"
        }
    }

    func removeDirectory() {
        try? FileManager.default.removeItem(atPath: self.directory)
    }

    /// Polls `path` on `port` until any HTTP answer comes back (at most 30 s: a loaded machine running the
    /// suites side by side once took over 10 s to start an instance), or until `process` (if any) ends.
    static func waitUntilAnswering(
        port: Int, path: String, unlessEnded process: PortvaktProcess? = nil
    ) async throws {
        // Each try gives up after 5 s, so that a listener that never answers does not hide the process's end.
        let client = SimulationClient(
            host: "127.0.0.1", port: port, group: MultiThreadedEventLoopGroup.singleton, timeout: .seconds(5))
        defer { Task { try? await client.close() } }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await client.send("GET", path)) != nil { return }
            if let process, !process.process.isRunning {
                throw EndedBeforeAnswering(outcome: try await process.finish(within: .zero))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("nothing answered on port \(port)")
    }
}

/// A process's resident memory from `/proc/PID/status`, in KiB.
enum ResidentMemory {
    /// `VmHWM`: the peak resident set so far.
    static func peakKiB(of pid: Int32) -> Int { value("VmHWM", pid: pid) }

    private static func value(_ key: String, pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
