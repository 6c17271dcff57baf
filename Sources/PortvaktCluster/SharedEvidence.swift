import Foundation
import Logging
import PortvaktCore
import Synchronization

/// Polling seen whole across a cluster: every instance sends its finished answers to one list in Redis, and
/// one instance at a time, the holder of a lease, takes them all off it and judges them (`judge`). A supplier
/// polling round-robin over the instances is then judged on all of its reads, as on one instance; the holder's
/// verdicts climb the ladder, which `SharedLadders` hands to every instance.
///
/// A thread of its own renews or takes the lease every `interval` (`leaseDuration`, so another instance takes
/// over within that time when the holder dies); as the holder it pops what waits and judges it in time order
/// with its own answers, and otherwise sends its answers (in one pipeline). The list is capped (`maximumWaiting`): with no holder
/// the oldest answers go first. A new holder starts with empty series: the old one's are lost with it.
public final class SharedEvidence: Sendable {
    private struct State: Sendable {
        var pending: [ObservedAnswer] = []
        var isHolder = false
    }

    static let list = "portvakt:answers"
    static let lease = "portvakt:answers:judge"
    /// Takes the lease when it is free, renews it when this instance holds it; 1 when it holds it after.
    static let leaseScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """
    /// Gives the lease up if this instance holds it.
    static let releaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """

    /// Answers kept waiting in Redis at most.
    static let maximumWaiting = 1_000_000
    /// Answers popped at once.
    static let batch = 1000

    private let instance: String
    private let leaseDuration: Duration
    private let logger: Logger
    private let judge: @Sendable ([ObservedAnswer]) -> Void
    private let state = Mutex(State())
    private let thread = ClusterThread()

    public init(
        host: String, port: Int, instance: String, timeout: Duration = .milliseconds(250),
        interval: Duration = .milliseconds(100), leaseDuration: Duration = .seconds(3), logger: Logger,
        judge: @escaping @Sendable ([ObservedAnswer]) -> Void
    ) {
        self.instance = instance
        self.leaseDuration = leaseDuration
        self.logger = logger
        self.judge = judge
        thread.start(redis: .init(host: host, port: port, timeout: timeout), interval: interval) {
            [self] link, isLast in self.round(on: &link, isLast: isLast)
        }
    }

    /// Sends one answer to be judged (by whichever instance holds the lease).
    public func send(_ answer: ObservedAnswer) {
        state.withLock { $0.pending.append(answer) }
    }

    /// Whether this instance judges the cluster's answers now.
    public var isJudge: Bool { state.withLock { $0.isHolder } }

    /// Sends what is pending, gives the lease up, and stops the thread.
    public func shutdown() {
        thread.stop()
    }

    // MARK: The thread

    /// Takes or renews the lease and, holding it, judges what waits with this instance's own answers; otherwise
    /// sends them. The last round sends them and gives the lease up.
    private func round(on link: inout RedisLink, isLast: Bool) -> Bool {
        let pending = state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
        // Answers not sent are lost: a polling supplier goes on polling and is seen again.
        guard let connection = try? link.connected() else {
            self.noteHolder(false)
            return false
        }
        do {
            if isLast {
                try self.push(pending, on: connection)
                _ = try connection.command(["EVAL", Self.releaseScript, "1", Self.lease, instance])
            } else if try self.holdLease(on: connection) {
                try self.judgeWaiting(on: connection, withOwn: pending)
            } else {
                try self.push(pending, on: connection)
            }
        } catch {
            logger.warning("cluster: answers not shared for now: \(error)")
            link.failed()
            self.noteHolder(false)
        }
        return false
    }

    private func push(_ answers: [ObservedAnswer], on connection: RedisConnection) throws {
        guard !answers.isEmpty else { return }
        var commands: [[String]] = []
        var start = 0
        while start < answers.count {
            let end = min(start + Self.batch, answers.count)
            commands.append(["RPUSH", Self.list] + answers[start..<end].map(\.line))
            start = end
        }
        commands.append(["LTRIM", Self.list, String(-Self.maximumWaiting), "-1"])
        for reply in try connection.pipeline(commands) {
            if case .error(let message) = reply { throw RedisError.replied(message) }
        }
    }

    /// Takes or renews the lease; sent whole each time, as a few hundred bytes ten times a second cost nothing.
    private func holdLease(on connection: RedisConnection) throws -> Bool {
        let milliseconds = String(Int64(leaseDuration / .milliseconds(1)))
        let reply = try connection.command(["EVAL", Self.leaseScript, "1", Self.lease, instance, milliseconds])
        let holds = reply.integer == 1
        self.noteHolder(holds)
        return holds
    }

    /// Pops what waits, a batch at a time, and judges it in time order, with this instance's own answers in the
    /// first batch: the judge need not send its own through Redis.
    private func judgeWaiting(on connection: RedisConnection, withOwn own: [ObservedAnswer]) throws {
        var answers = own
        for _ in 0..<100 {
            let reply = try connection.command(["LPOP", Self.list, String(Self.batch)])
            let items = if case .array(let items) = reply { items } else { [RedisReply]() }
            answers += items.compactMap { $0.text.flatMap(ObservedAnswer.init(line:)) }
            if !answers.isEmpty { judge(answers.sorted { $0.time < $1.time }) }
            if items.count < Self.batch { return }
            answers = []
        }
    }

    private func noteHolder(_ holds: Bool) {
        let changed = state.withLock { state in
            defer { state.isHolder = holds }
            return state.isHolder != holds
        }
        if changed {
            logger.info("cluster: this instance \(holds ? "now judges" : "no longer judges") the cluster's answers")
        }
    }
}
