import PortvaktTestSupport
import Testing

@testable import PortvaktCluster

@Suite struct RedisConnectionTests {
    @Test func pipelinedCommandsGetTheirRepliesInOrder() async throws {
        let redis = try await RedisServer.start()
        let connection = try RedisConnection(host: "127.0.0.1", port: redis.port, timeout: .seconds(1))
        let replies = try connection.pipeline([
            ["SET", "greeting", "hei på deg"], ["GET", "greeting"], ["INCR", "counter"], ["GET", "absent"],
            ["RPUSH", "list", "a", "b"], ["LRANGE", "list", "0", "-1"], ["INCR", "greeting"],
        ])
        #expect(replies[0] == .status("OK"))
        #expect(replies[1] == .string("hei på deg"))
        #expect(replies[2] == .integer(1))
        #expect(replies[3] == .null)
        #expect(replies[4] == .integer(2))
        #expect(replies[5] == .array([.string("a"), .string("b")]))
        guard case .error(let message) = replies[6] else {
            Issue.record("INCR of text should be an error reply, got \(replies[6])")
            return
        }
        #expect(message.contains("not an integer"))
    }

    @Test func aServerThatIsNotThereIsUnreachable() throws {
        let port = try freeLoopbackPort()
        #expect(throws: RedisError.self) {
            try RedisConnection(host: "127.0.0.1", port: port, timeout: .milliseconds(200))
        }
    }

    @Test func aServerThatGoesAwayMakesTheNextCommandUnreachable() async throws {
        let redis = try await RedisServer.start()
        let connection = try RedisConnection(host: "127.0.0.1", port: redis.port, timeout: .milliseconds(500))
        #expect(try connection.command(["PING"]) == .status("PONG"))
        redis.stop()
        #expect {
            try connection.command(["PING"])
        } throws: { error in
            guard case .unreachable? = error as? RedisError else { return false }
            return true
        }
    }
}
