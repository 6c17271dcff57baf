import Foundation
import PortvaktThreads
import Synchronization

/// The thread one shared part of the cluster works on, off every event loop, with the one connection to Redis
/// it owns (`RedisLink`). Once started it runs `round` again and again: after `wake()`, after `interval` (when
/// given), at once when a round says there is more to do, and one last time, `isLast` true, when `stop()` is
/// called; `stop()` returns when that last round has.
final class ClusterThread: Sendable {
    private struct Flags: Sendable {
        var isWoken = false
        var isStopping = false
        var isFinished = false
        var hasRunARound = false
    }

    private let flags = Mutex(Flags())
    private let condition = NSCondition()

    init() {}

    /// Starts the thread. A round returns whether there is more to do at once. With `firstRoundBeforeReturning`,
    /// the first round runs at once and `start` returns when it is done.
    func start(
        redis: RedisLink.Endpoint, interval: Duration?, firstRoundBeforeReturning: Bool = false,
        round: @escaping @Sendable (_ link: inout RedisLink, _ isLast: Bool) -> Bool
    ) {
        let thread = Thread { [self] in
            nameThisThread("pv-cluster")
            self.run(link: RedisLink(redis), interval: interval, roundAtOnce: firstRoundBeforeReturning, round: round)
        }
        thread.start()
        if firstRoundBeforeReturning { self.waitUntil { $0.hasRunARound } }
    }

    /// Starts the next round now.
    func wake() {
        update { $0.isWoken = true }
    }

    /// Runs a last round and waits for it; stopping twice is stopping once.
    func stop() {
        update { $0.isStopping = true }
        waitUntil { $0.isFinished }
    }

    private func run(
        link: RedisLink, interval: Duration?, roundAtOnce: Bool, round: (inout RedisLink, Bool) -> Bool
    ) {
        var link = link
        var moreToDo = roundAtOnce
        var isFirst = true
        while true {
            let isLast = moreToDo ? flags.withLock { $0.isStopping } : self.sleep(interval)
            moreToDo = round(&link, isLast)
            if isFirst {
                isFirst = false
                self.update { $0.hasRunARound = true }
            }
            if isLast { break }
        }
        self.update { $0.isFinished = true }
    }

    /// Changes the flags and tells every waiter.
    private func update(_ change: (inout Flags) -> Void) {
        condition.lock()
        flags.withLock { change(&$0) }
        condition.broadcast()
        condition.unlock()
    }

    /// Sleeps until woken, stopped or `interval` has passed; whether stopping.
    private func sleep(_ interval: Duration?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = interval.map { Date(timeIntervalSinceNow: $0 / .seconds(1)) }
        while !flags.withLock({ $0.isWoken || $0.isStopping }) {
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        return flags.withLock { flags in
            flags.isWoken = false
            return flags.isStopping
        }
    }

    private func waitUntil(_ done: (Flags) -> Bool) {
        condition.lock()
        while !flags.withLock({ done($0) }) { condition.wait() }
        condition.unlock()
    }
}
