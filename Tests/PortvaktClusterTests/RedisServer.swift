import Foundation
import Testing

@testable import PortvaktCluster

/// A real `redis-server` on a free loopback port, for one test: no persistence, stopped (SIGKILL) at the end.
final class RedisServer: Sendable {
    let port: Int
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Starts one and returns once it answers PING.
    static func start(port: Int? = nil) async throws -> RedisServer {
        let port = try port ?? Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--protected-mode", "no", "--loglevel", "warning",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = RedisServer(port: port, process: process)
        for _ in 0..<100 {
            if (try? RedisConnection(host: "127.0.0.1", port: port, timeout: .seconds(1)).command(["PING"])) != nil {
                return server
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw RedisError.unreachable("redis-server did not start on port \(port)")
    }

    /// Kills it at once (a crash, as far as its clients can tell).
    func stop() {
        guard self.process.isRunning else { return }
        kill(self.process.processIdentifier, SIGKILL)
        self.process.waitUntilExit()
    }

    deinit { self.stop() }

    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw RedisError.unreachable("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
