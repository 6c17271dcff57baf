import Foundation
import Logging
import PortvaktCore
import Synchronization

/// Buckets shared by every instance, decided in Redis (`SharedBucketScript`) by a thread of their own, never
/// an event loop. Requests queue; the thread sends all that are waiting as one pipeline (one round trip),
/// and hands each answer to its completion on that thread.
///
/// When Redis cannot be reached, or does not answer within `timeout`, every waiting request is answered
/// `.unavailable` (its caller applies the failure policy), the outage is logged once and counted, and no
/// connection is tried again for `retryInterval`: meanwhile requests are answered `.unavailable` at once.
/// The first request after that tries again, and shared buckets resume by themselves when Redis is back.
public final class SharedBuckets: Sendable {
    public enum Answer: Sendable, Equatable {
        /// What the buckets said: the enforced ones together (nil when the request has none) and each shadow one.
        case decided(enforced: LimiterOutcome?, shadowAllowed: [Bool])
        /// Redis could not be asked.
        case unavailable
    }

    /// What happened so far, for `/metrics` and the benchmark.
    public struct Counts: Sendable, Equatable {
        /// Requests decided in Redis.
        public var decided = 0
        /// Requests answered `.unavailable`.
        public var unavailable = 0
        /// Pipelines sent: a round trip each.
        public var roundTrips = 0
        /// Times Redis went from reachable (or never tried) to unreachable.
        public var outages = 0
    }

    private struct Job: Sendable {
        var request: SharedLimiterRequest
        var completion: @Sendable (Answer) -> Void
    }

    private struct State: Sendable {
        var jobs: [Job] = []
        var isStopping = false
        var isReachable = true
        var counts = Counts()
    }

    private let host: String
    private let port: Int
    private let timeout: Duration
    private let retryInterval: Duration
    private let logger: Logger
    private let state = Mutex(State())
    /// Wakes the thread when a job arrives or at shutdown.
    private let wake = NSCondition()
    private let finished = NSCondition()
    private let isFinished = Mutex(false)

    /// The most requests sent in one pipeline.
    static let batchLimit = 512

    public init(
        host: String, port: Int, timeout: Duration = .milliseconds(250), retryInterval: Duration = .seconds(1),
        logger: Logger
    ) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.retryInterval = retryInterval
        self.logger = logger
        let thread = Thread { [self] in self.run() }
        thread.name = "portvakt-redis"
        thread.start()
    }

    /// Decides `request` in Redis; `completion` runs on the Redis thread (hop to your event loop from there).
    public func decide(_ request: SharedLimiterRequest, completion: @escaping @Sendable (Answer) -> Void) {
        let accepted = state.withLock { state in
            guard !state.isStopping else { return false }
            state.jobs.append(Job(request: request, completion: completion))
            return true
        }
        guard accepted else { return completion(.unavailable) }
        wake.lock()
        wake.signal()
        wake.unlock()
    }

    /// Whether the last attempt to reach Redis succeeded.
    public var isReachable: Bool { state.withLock { $0.isReachable } }
    public var counts: Counts { state.withLock { $0.counts } }

    /// Stops the thread; requests still queued are answered `.unavailable`.
    public func shutdown() {
        state.withLock { $0.isStopping = true }
        wake.lock()
        wake.signal()
        wake.unlock()
        finished.lock()
        while !isFinished.withLock({ $0 }) { finished.wait() }
        finished.unlock()
    }

    // MARK: The Redis thread

    private func run() {
        var connection: RedisConnection?
        var scriptSHA = ""
        var nextAttempt = ContinuousClock.now
        while true {
            let (jobs, stopping) = self.nextJobs()
            if stopping {
                jobs.forEach { $0.completion(.unavailable) }
                break
            }
            if connection == nil, ContinuousClock.now >= nextAttempt {
                do {
                    let fresh = try RedisConnection(host: host, port: port, timeout: timeout)
                    scriptSHA = try fresh.command(["SCRIPT", "LOAD", SharedBucketScript.source]).text ?? ""
                    connection = fresh
                    self.noteReachable(true, reason: nil)
                } catch {
                    nextAttempt = ContinuousClock.now + retryInterval
                    self.noteReachable(false, reason: "\(error)")
                }
            }
            guard let live = connection else {
                self.answer(jobs, with: jobs.map { _ in .unavailable })
                continue
            }
            do {
                let answers = try self.send(jobs, on: live, scriptSHA: &scriptSHA)
                self.answer(jobs, with: answers)
            } catch {
                connection = nil
                nextAttempt = ContinuousClock.now + retryInterval
                self.noteReachable(false, reason: "\(error)")
                self.answer(jobs, with: jobs.map { _ in .unavailable })
            }
        }
        isFinished.withLock { $0 = true }
        finished.lock()
        finished.broadcast()
        finished.unlock()
    }

    /// Waits for jobs, then takes up to `batchLimit` of them.
    private func nextJobs() -> ([Job], Bool) {
        wake.lock()
        defer { wake.unlock() }
        while true {
            let taken = state.withLock { state -> ([Job], Bool)? in
                if state.isStopping { return (state.jobs, true) }
                guard !state.jobs.isEmpty else { return nil }
                let count = min(state.jobs.count, Self.batchLimit)
                defer { state.jobs.removeFirst(count) }
                return (Array(state.jobs.prefix(count)), false)
            }
            if let taken { return taken }
            wake.wait()
        }
    }

    /// One pipeline of script calls; a script Redis forgot (a restart, `SCRIPT FLUSH`) is loaded again once.
    private func send(_ jobs: [Job], on connection: RedisConnection, scriptSHA: inout String) throws(RedisError)
        -> [Answer]
    {
        let calls = jobs.map { SharedBucketScript.call($0.request) }
        func commands() -> [[String]] {
            calls.map { ["EVALSHA", scriptSHA, String($0.keys.count)] + $0.keys + $0.arguments }
        }
        var replies = try connection.pipeline(commands())
        state.withLock { $0.counts.roundTrips += 1 }
        if replies.contains(where: { if case .error(let message) = $0 { message.hasPrefix("NOSCRIPT") } else { false } }
        ) {
            scriptSHA = try connection.command(["SCRIPT", "LOAD", SharedBucketScript.source]).text ?? ""
            replies = try connection.pipeline(commands())
            state.withLock { $0.counts.roundTrips += 2 }
        }
        return zip(jobs, replies).map { job, reply in
            guard let (enforced, shadowAllowed) = SharedBucketScript.answer(reply, to: job.request) else {
                logger.error("cluster: unexpected reply from Redis to the bucket script: \(reply)")
                return .unavailable
            }
            return .decided(enforced: enforced, shadowAllowed: shadowAllowed)
        }
    }

    private func answer(_ jobs: [Job], with answers: [Answer]) {
        state.withLock { state in
            for answer in answers {
                if answer == .unavailable { state.counts.unavailable += 1 } else { state.counts.decided += 1 }
            }
        }
        for (job, answer) in zip(jobs, answers) { job.completion(answer) }
    }

    /// Logs a change between reachable and unreachable once, and counts outages.
    private func noteReachable(_ reachable: Bool, reason: String?) {
        let changed = state.withLock { state in
            guard state.isReachable != reachable else { return false }
            state.isReachable = reachable
            if !reachable { state.counts.outages += 1 }
            return true
        }
        guard changed else { return }
        if reachable {
            logger.notice("cluster: Redis at \(host):\(port) is reachable again; shared buckets resume")
        } else {
            logger.error(
                "cluster: Redis at \(host):\(port) is unreachable (\(reason ?? "")); requests follow the failure policy until it is back"
            )
        }
    }
}
