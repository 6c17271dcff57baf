#if canImport(Glibc)
    import Glibc
#endif

/// A real `redis-server` on a loopback port, for one test: no persistence, killed (SIGKILL) at the end.
public final class RedisServer: Sendable {
    public let port: Int
    private let process: ChildProcess

    private init(port: Int, process: ChildProcess) {
        self.port = port
        self.process = process
    }

    /// Starts one (on `port`, or a free one) and returns once it answers.
    public static func start(port: Int? = nil) async throws -> RedisServer {
        let port = try port ?? freeLoopbackPort()
        let process = try ChildProcess(
            "/usr/bin/redis-server",
            [
                "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--loglevel", "warning",
            ],
            output: .discard, error: .discard)
        let server = RedisServer(port: port, process: process)
        for _ in 0..<100 {
            if Self.answersPing(port: port) { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw StartFailure(port: port)
    }

    /// Kills it at once: a crash, as far as its clients can tell.
    public func stop() {
        guard self.process.isRunning else { return }
        kill(self.process.processIdentifier, SIGKILL)
        self.process.waitUntilExit()
    }

    deinit { self.stop() }

    public struct StartFailure: Error, CustomStringConvertible {
        public var port: Int
        public var description: String { "redis-server did not start on port \(port)" }
    }

    /// PING over a plain socket; true on `+PONG`.
    private static func answersPing(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        let ping = Array("PING\r\n".utf8)
        guard write(socket, ping, ping.count) == ping.count else { return false }
        var reply = [UInt8](repeating: 0, count: 16)
        let count = read(socket, &reply, reply.count)
        return count > 0 && String(decoding: reply[..<count], as: UTF8.self).hasPrefix("+PONG")
    }
}
