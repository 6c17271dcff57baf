import PortvaktTestSupport
import Synchronization
import Testing

@testable import PortvaktCluster

/// The cluster's worker thread without Redis: rounds on a wake, on an interval, at once while there is more to
/// do, a first round before `start` returns, and a last round before `stop` does.
@Suite struct ClusterThreadTests {
    /// Nobody listens on port 9; no round here connects.
    private static let nowhere = RedisLink.Endpoint(host: "127.0.0.1", port: 9, timeout: .milliseconds(100))

    /// The rounds run so far, `true` for the last.
    private final class Rounds: Sendable {
        let seen = Mutex<[Bool]>([])
        var count: Int { seen.withLock { $0.count } }
    }

    @Test func withoutAnIntervalItRunsOnlyWhenWokenAndLastWhenStopped() async throws {
        let rounds = Rounds()
        let thread = ClusterThread()
        thread.start(redis: Self.nowhere, interval: nil) { _, isLast in
            rounds.seen.withLock { $0.append(isLast) }
            return false
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(rounds.count == 0)
        thread.wake()
        #expect(await eventually { rounds.count == 1 })
        thread.stop()
        #expect(rounds.seen.withLock { $0 } == [false, true])
        thread.stop()
        #expect(rounds.count == 2)
    }

    @Test func aRoundWithMoreToDoIsFollowedAtOnceAndTheFirstMayRunBeforeStartReturns() async throws {
        let rounds = Rounds()
        let thread = ClusterThread()
        // Three rounds in a row (the first before `start` returns), then it sleeps.
        thread.start(redis: Self.nowhere, interval: nil, firstRoundBeforeReturning: true) { _, isLast in
            let count = rounds.seen.withLock { seen in
                seen.append(isLast)
                return seen.count
            }
            return count < 3
        }
        #expect(rounds.count >= 1)
        #expect(await eventually { rounds.count == 3 })
        try await Task.sleep(for: .milliseconds(100))
        #expect(rounds.count == 3)
        thread.stop()
        #expect(rounds.seen.withLock { $0 } == [false, false, false, true])
    }

    @Test func withAnIntervalItRunsOnItsOwn() async throws {
        let rounds = Rounds()
        let thread = ClusterThread()
        thread.start(redis: Self.nowhere, interval: .milliseconds(20)) { _, _ in
            rounds.seen.withLock { $0.append(false) }
            return false
        }
        defer { thread.stop() }
        #expect(await eventually { rounds.count >= 3 })
    }

    @Test func theLinkWaitsOutItsRetryIntervalAfterAFailedAttempt() throws {
        var link = RedisLink(
            .init(host: "127.0.0.1", port: 9, timeout: .milliseconds(100), retryInterval: .seconds(60)))
        #expect(throws: RedisError.self) { try link.connected() }
        // No second attempt within the minute: no connection, no error.
        #expect(try link.connected() == nil)
    }
}
