import Crypto
import Foundation
import Logging
import PortvaktCore
import Synchronization

/// Buckets shared by every instance, decided in Redis (`SharedBucketScript`) by a thread of their own, never
/// an event loop. Requests queue; the thread sends all that are waiting as one pipeline (one round trip),
/// and hands each answer to its completion on that thread.
///
/// With leases (`BucketLeases`), a busy bucket lends this instance tokens ahead of need, topped up in the
/// background, and `leasedAnswer(for:)` decides the request at once from them; Redis is then off the
/// request's path. The global burst holds within the bound `BucketLeases` states.
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
        /// Requests decided from leased tokens, without waiting for Redis.
        public var leased = 0
        /// Tokens Redis lent.
        public var lentTokens = 0
        /// Requests answered `.unavailable`.
        public var unavailable = 0
        /// Pipelines sent: a round trip each.
        public var roundTrips = 0
        /// Times Redis went from reachable (or never tried) to unreachable.
        public var outages = 0
    }

    private enum Job: Sendable {
        case decide(SharedLimiterRequest, completion: @Sendable (Answer) -> Void)
        case topUp(BucketLeases.TopUp)
    }

    private struct State: Sendable {
        var jobs: [Job] = []
        var leases: BucketLeases?
        var isStopping = false
        var isReachable = true
        var counts = Counts()
    }

    private let host: String
    private let port: Int
    private let logger: Logger
    private let state = Mutex(State())
    private let thread = ClusterThread()

    /// The most requests sent in one pipeline.
    static let batchLimit = 512

    /// `leasingTo`: the number of instances expected to share the buckets, which sizes the leases; nil: no
    /// leases, every request is decided in Redis.
    public init(
        host: String, port: Int, timeout: Duration = .milliseconds(250), retryInterval: Duration = .seconds(1),
        leasingTo instances: Int? = nil, logger: Logger
    ) {
        self.host = host
        self.port = port
        self.logger = logger
        self.state.withLock { $0.leases = instances.map(BucketLeases.init(instances:)) }
        let redis = RedisLink.Endpoint(host: host, port: port, timeout: timeout, retryInterval: retryInterval)
        thread.start(redis: redis, interval: nil) { [self] link, isLast in self.round(on: &link, isLast: isLast) }
    }

    /// Decides `request` in Redis; `completion` runs on the Redis thread (hop to your event loop from there).
    public func decide(_ request: SharedLimiterRequest, completion: @escaping @Sendable (Answer) -> Void) {
        guard self.enqueue([.decide(request, completion: completion)]) else { return completion(.unavailable) }
    }

    /// The answer to `request` from this instance's leases, at once, or nil when it must be decided in Redis
    /// (`decide`). Counts the request's demand on its buckets and sends the top-ups their leases need, so call
    /// it for every request before `decide`. Always nil without leases.
    public func leasedAnswer(
        for request: SharedLimiterRequest, now: Int64 = Int64(DispatchTime.now().uptimeNanoseconds)
    ) -> Answer? {
        let (answer, topUps) = state.withLock {
            state -> ((enforced: LimiterOutcome?, shadowAllowed: [Bool])?, [BucketLeases.TopUp]) in
            guard state.isReachable, state.leases != nil else { return (nil, []) }
            let admitted = state.leases!.admit(request, now: now)
            if admitted.answer != nil { state.counts.leased += 1 }
            return admitted
        }
        if !topUps.isEmpty, !self.enqueue(topUps.map(Job.topUp)) {
            state.withLock { state in topUps.forEach { state.leases?.notLent(for: $0.bucket) } }
        }
        return answer.map { .decided(enforced: $0.enforced, shadowAllowed: $0.shadowAllowed) }
    }

    /// Queues jobs for the Redis thread and wakes it; false when it is stopping.
    private func enqueue(_ jobs: [Job]) -> Bool {
        let accepted = state.withLock { state in
            guard !state.isStopping else { return false }
            state.jobs.append(contentsOf: jobs)
            return true
        }
        guard accepted else { return false }
        thread.wake()
        return true
    }

    /// Whether the last attempt to reach Redis succeeded.
    public var isReachable: Bool { state.withLock { $0.isReachable } }
    public var counts: Counts { state.withLock { $0.counts } }

    /// Stops the thread; requests still queued are answered `.unavailable`.
    public func shutdown() {
        state.withLock { $0.isStopping = true }
        thread.stop()
    }

    // MARK: The Redis thread

    /// Sends up to `batchLimit` waiting jobs as one pipeline (or, at the last round, answers them all
    /// `.unavailable`); whether more wait.
    private func round(on link: inout RedisLink, isLast: Bool) -> Bool {
        let (jobs, moreWaiting) = state.withLock { state -> ([Job], Bool) in
            let count = isLast ? state.jobs.count : min(state.jobs.count, Self.batchLimit)
            defer { state.jobs.removeFirst(count) }
            return (Array(state.jobs.prefix(count)), state.jobs.count > count)
        }
        guard !isLast, !jobs.isEmpty else {
            self.answer(jobs, with: nil)
            return false
        }
        let connection: RedisConnection?
        do {
            connection = try link.connected(prepare: Self.loadScripts)
        } catch {
            self.noteReachable(false, reason: "\(error)")
            connection = nil
        }
        guard let connection else {
            self.answer(jobs, with: nil)
            return moreWaiting
        }
        self.noteReachable(true, reason: nil)
        do {
            self.answer(jobs, with: try self.send(jobs, on: connection))
        } catch {
            link.failed()
            self.noteReachable(false, reason: "\(error)")
            self.answer(jobs, with: nil)
        }
        return moreWaiting
    }

    /// The scripts' names in Redis, their SHA-1 digests: the same on every instance, whatever Redis replies.
    private static let decideScript = Insecure.SHA1.hash(data: Array(SharedBucketScript.source.utf8)).hexString
    private static let lendScript = Insecure.SHA1.hash(data: Array(SharedLeaseScript.source.utf8)).hexString

    /// Loads both scripts (on a new connection, and when Redis forgot them).
    private static func loadScripts(on connection: RedisConnection) throws(RedisError) {
        _ = try connection.command(["SCRIPT", "LOAD", SharedBucketScript.source])
        _ = try connection.command(["SCRIPT", "LOAD", SharedLeaseScript.source])
    }

    /// One pipeline of script calls, a reply per job; scripts Redis forgot (a restart, `SCRIPT FLUSH`) are loaded
    /// again once.
    private func send(_ jobs: [Job], on connection: RedisConnection) throws(RedisError) -> [RedisReply] {
        let commands = jobs.map { job in
            let (script, call) =
                switch job {
                case .decide(let request, _): (Self.decideScript, SharedBucketScript.call(request))
                case .topUp(let topUp): (Self.lendScript, SharedLeaseScript.call(topUp))
                }
            return ["EVALSHA", script, String(call.keys.count)] + call.keys + call.arguments
        }
        var replies = try connection.pipeline(commands)
        state.withLock { $0.counts.roundTrips += 1 }
        if replies.contains(where: { if case .error(let message) = $0 { message.hasPrefix("NOSCRIPT") } else { false } }
        ) {
            try Self.loadScripts(on: connection)
            replies = try connection.pipeline(commands)
            state.withLock { $0.counts.roundTrips += 3 }
        }
        return replies
    }

    /// Hands each job what Redis replied, or `.unavailable` (no replies): decisions to their completions, lent
    /// tokens to the leases.
    private func answer(_ jobs: [Job], with replies: [RedisReply]?) {
        let now = Int64(DispatchTime.now().uptimeNanoseconds)
        var completions: [(@Sendable (Answer) -> Void, Answer)] = []
        state.withLock { state in
            for (index, job) in jobs.enumerated() {
                let reply = replies?[index]
                switch job {
                case .decide(let request, let completion):
                    var answer = Answer.unavailable
                    if let reply {
                        if let (enforced, shadowAllowed) = SharedBucketScript.answer(reply, to: request) {
                            answer = .decided(enforced: enforced, shadowAllowed: shadowAllowed)
                        } else {
                            logger.error("cluster: unexpected reply from Redis to the bucket script: \(reply)")
                        }
                    }
                    if answer == .unavailable { state.counts.unavailable += 1 } else { state.counts.decided += 1 }
                    completions.append((completion, answer))
                case .topUp(let topUp):
                    guard let reply, let (lent, bucketState) = SharedLeaseScript.answer(reply, to: topUp) else {
                        if let reply {
                            logger.error("cluster: unexpected reply from Redis to the lease script: \(reply)")
                        }
                        state.leases?.notLent(for: topUp.bucket)
                        continue
                    }
                    state.counts.lentTokens += lent
                    state.leases?.lent(lent, for: topUp.bucket, bucketState: bucketState, now: now)
                }
            }
        }
        for (completion, answer) in completions { completion(answer) }
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
