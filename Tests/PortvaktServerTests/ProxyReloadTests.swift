import PortvaktCore
import PortvaktServer
import PortvaktSimulation
import Testing

/// `ProxyServer.apply`: a reloaded configuration is in force from the next request, a request in flight
/// finishes under the one it began with, and limits that did not change keep their buckets.
@Suite struct ProxyReloadTests {
    private static let dialogs = "/dialogporten/api/v1/enduser/dialogs"

    @Test func theNextRequestTakesTheReloadWhileOneInFlightFinishesUnderTheOld() async throws {
        try await withProxy { proxy in
            let size = 32 << 20
            let slow = proxy.client(timeout: .seconds(30))
            // 64 KiB every 2 ms: over a second in flight.
            let inFlight = Task {
                try await slow.download(
                    "/broker/api/v1/filetransfer/f1/download?size=\(size)", readDelay: .milliseconds(2))
            }
            // In flight for sure (on a loaded machine the task may take a while to send it).
            #expect(await proxy.eventually(within: .seconds(10)) { proxy.engine.activeTransferCount == 1 })
            var moved = proxy.configuration
            moved.upstreams = try UpstreamMap(platform: "http://127.0.0.1:9", apps: "http://{org}.localhost:9")
            await proxy.server.apply(moved)

            #expect(try await proxy.client().send("GET", Self.dialogs).status == 502)
            let (head, bytes, sha256) = try await inFlight.value
            #expect(head.status == 200)
            #expect(bytes == size)
            #expect(sha256 == BytePattern.sha256Hex(of: 0..<size))
        }
    }

    @Test func aRuleThatDidNotChangeKeepsItsBucketAndAChangedOneStartsFull() async throws {
        let oncePerMinute = RateLimitRule(
            name: "dialogporten", match: .init(product: .dialogporten), key: .ip,
            policy: try #require(TokenBucketPolicy(burst: 1, count: 1, periodNanoseconds: 60_000_000_000)))
        var options = ProxyFixture.Options()
        options.limits = [oncePerMinute]
        try await withProxy(options) { proxy in
            let client = proxy.client()
            #expect(try await client.send("GET", Self.dialogs).status == 200)
            #expect(try await client.send("GET", Self.dialogs).status == 429)

            // Another rule added, this one untouched: still refused.
            let broker = RateLimitRule(
                name: "broker", match: .init(product: .broker), key: .ip, policy: oncePerMinute.policy)
            var added = proxy.configuration
            added.limiter = RateLimiter(
                rules: RateLimitRuleSet(rules: [broker, oncePerMinute]),
                carryingOver: try #require(proxy.server.limiter))
            await proxy.server.apply(added)
            #expect(try await client.send("GET", Self.dialogs).status == 429)

            // Its burst raised: a new shape, a full bucket.
            var raised = oncePerMinute
            raised.policy = try #require(TokenBucketPolicy(burst: 2, count: 1, periodNanoseconds: 60_000_000_000))
            var reshaped = proxy.configuration
            reshaped.limiter = RateLimiter(
                rules: RateLimitRuleSet(rules: [raised]), carryingOver: try #require(proxy.server.limiter))
            await proxy.server.apply(reshaped)
            #expect(try await client.send("GET", Self.dialogs).status == 200)
            #expect(try await client.send("GET", Self.dialogs).status == 200)
            #expect(try await client.send("GET", Self.dialogs).status == 429)
        }
    }

    @Test func requestLimitsApplyToConnectionsAlreadyOpen() async throws {
        try await withProxy { proxy in
            let client = proxy.client()
            let long = Self.dialogs + "?q=" + String(repeating: "a", count: 2000)
            let before = try await client.send("GET", long)
            #expect(before.status == 200)
            var strict = proxy.configuration
            strict.maxURIBytes = 1024
            await proxy.server.apply(strict)
            let after = try await client.send("GET", long)
            #expect(after.status == 414)
        }
    }
}
