import Foundation
import Testing

/// Slow and greedy clients (issue: hardening): a request head must arrive in time once it has begun, and
/// connections beyond the cap are closed at once.
@Suite struct ProxySlowClientTests {
    @Test func aHeadThatTricklesInGets408AndTheConnectionCloses() async throws {
        var options = ProxyFixture.Options()
        options.headerTimeout = .seconds(1)
        try await withProxy(options) { proxy in
            let slow = try await proxy.rawConnection()
            let started = ContinuousClock.now
            try await slow.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\n")
            try await Task.sleep(for: .milliseconds(300))
            // Still trickling: the deadline counts from the first byte, not the last.
            try? await slow.send("X-Slow: 1\r\n")
            let answer = await slow.waitForAnswerHead(upTo: .seconds(10))
            #expect(answer?.status == 408)
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(await slow.waitForClose())
            #expect(proxy.standIn.requestsServed == 0)
        }
    }

    @Test func aQuietKeepAliveConnectionIsNotTimedOutByTheHeadDeadline() async throws {
        var options = ProxyFixture.Options()
        options.headerTimeout = .milliseconds(200)
        try await withProxy(options) { proxy in
            let client = proxy.client()
            #expect(try await client.send("GET", "/_test/echo").status == 200)
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await client.send("GET", "/_test/echo").status == 200)
        }
    }

    @Test func connectionsBeyondTheCapAreClosedAtOnce() async throws {
        var options = ProxyFixture.Options()
        options.maxConnections = 2
        try await withProxy(options) { proxy in
            let first = try await proxy.rawConnection()
            let second = try await proxy.rawConnection()
            try await first.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await first.waitForAnswerHead()?.status == 200)
            let third = try await proxy.rawConnection()
            #expect(await third.waitForClose())
            await second.close()
            try await Task.sleep(for: .milliseconds(100))
            let fourth = try await proxy.rawConnection()
            try await fourth.send("GET /_test/echo HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await fourth.waitForAnswerHead()?.status == 200)
        }
    }
}
