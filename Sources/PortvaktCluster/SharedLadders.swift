import Foundation
import Logging
import PortvaktCore
import Synchronization

/// Every supplier's place on the sanction ladder, shared by the instances through Redis: a sanction an
/// instance sets (automatic or by the admin API) is in force on every instance within `pollInterval` plus a
/// round trip, and outlives the restart of any of them.
///
/// Redis holds one hash of ladder snapshots (JSON) by supplier and a version that every change increments.
/// A thread of its own sends this instance's changes (`publish`) and looks at the version every
/// `pollInterval`; when it moved, it reads the hash and hands it to `adopt`. A supplier's snapshot is written
/// whole: when two instances change the same supplier at the same moment, the later write wins.
public final class SharedLadders: Sendable {
    private struct State: Sendable {
        var pending: [String: SupplierSanction.Snapshot] = [:]
        var isStopping = false
        var isFinished = false
        /// The first look at Redis is done (whether it answered or not).
        var hasStarted = false
    }

    static let ladders = "portvakt:ladders"
    static let version = "portvakt:ladders:version"
    /// Writes a snapshot and moves the version on, in one step.
    static let publishScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('INCR', KEYS[2])
        """

    private let host: String
    private let port: Int
    private let timeout: Duration
    private let pollInterval: Duration
    private let logger: Logger
    private let adopt: @Sendable ([String: SupplierSanction.Snapshot]) -> Void
    private let state = Mutex(State())
    private let wake = NSCondition()

    /// Reads what Redis holds once before returning (so an instance starts with the cluster's sanctions when
    /// Redis answers), then keeps following it.
    public init(
        host: String, port: Int, timeout: Duration = .milliseconds(250), pollInterval: Duration = .milliseconds(250),
        logger: Logger, adopt: @escaping @Sendable ([String: SupplierSanction.Snapshot]) -> Void
    ) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.logger = logger
        self.adopt = adopt
        let thread = Thread { [self] in self.run() }
        thread.name = "portvakt-ladders"
        thread.start()
        wake.lock()
        while !state.withLock({ $0.hasStarted }) { wake.wait() }
        wake.unlock()
    }

    /// Hands this instance's new snapshot of `supplier` to the others (sent at once by the thread).
    public func publish(_ supplier: String, _ snapshot: SupplierSanction.Snapshot) {
        state.withLock { $0.pending[supplier] = snapshot }
        wake.lock()
        wake.signal()
        wake.unlock()
    }

    /// Sends what is still pending (if Redis answers), then stops the thread.
    public func shutdown() {
        state.withLock { $0.isStopping = true }
        wake.lock()
        wake.signal()
        while !state.withLock({ $0.isFinished }) { wake.wait() }
        wake.unlock()
    }

    // MARK: The thread

    private func run() {
        var connection: RedisConnection?
        var seen: Int64?
        var nextAttempt = ContinuousClock.now
        var isFirst = true
        while true {
            let (pending, stopping) = isFirst ? ([:], false) : self.waitForWork()
            if connection == nil, ContinuousClock.now >= nextAttempt {
                connection = try? RedisConnection(host: host, port: port, timeout: timeout)
                if connection == nil { nextAttempt = ContinuousClock.now + .seconds(1) }
            }
            if let live = connection {
                do {
                    try self.send(pending, on: live)
                    try self.follow(live, seen: &seen)
                } catch {
                    logger.warning("cluster: sanctions not shared for now: \(error)")
                    connection = nil
                    nextAttempt = ContinuousClock.now + .seconds(1)
                    // Not lost: sent once Redis is back.
                    state.withLock { state in state.pending.merge(pending) { newer, _ in newer } }
                }
            } else if !pending.isEmpty {
                state.withLock { state in state.pending.merge(pending) { newer, _ in newer } }
            }
            if isFirst {
                isFirst = false
                wake.lock()
                state.withLock { $0.hasStarted = true }
                wake.broadcast()
                wake.unlock()
            }
            if stopping { break }
        }
        wake.lock()
        state.withLock { $0.isFinished = true }
        wake.broadcast()
        wake.unlock()
    }

    /// Waits up to `pollInterval` for something to send; takes it.
    private func waitForWork() -> ([String: SupplierSanction.Snapshot], Bool) {
        wake.lock()
        defer { wake.unlock() }
        if state.withLock({ $0.pending.isEmpty && !$0.isStopping }) {
            _ = wake.wait(until: Date(timeIntervalSinceNow: pollInterval / .seconds(1)))
        }
        return state.withLock { state in
            defer { state.pending = [:] }
            return (state.pending, state.isStopping)
        }
    }

    private func send(_ pending: [String: SupplierSanction.Snapshot], on connection: RedisConnection) throws {
        guard !pending.isEmpty else { return }
        let encoder = JSONEncoder()
        let commands = try pending.map { supplier, snapshot in
            [
                "EVAL", Self.publishScript, "2", Self.ladders, Self.version, supplier,
                String(decoding: try encoder.encode(snapshot), as: UTF8.self),
            ]
        }
        for reply in try connection.pipeline(commands) {
            if case .error(let message) = reply { throw RedisError.replied(message) }
        }
    }

    /// Reads the hash when the version moved past `seen`, and hands it to `adopt`.
    private func follow(_ connection: RedisConnection, seen: inout Int64?) throws {
        let version = try connection.command(["GET", Self.version]).integer ?? 0
        guard version != seen else { return }
        guard case .array(let fields) = try connection.command(["HGETALL", Self.ladders]) else { return }
        let decoder = JSONDecoder()
        var snapshots: [String: SupplierSanction.Snapshot] = [:]
        for index in stride(from: 0, to: fields.count - 1, by: 2) {
            guard let supplier = fields[index].text, let json = fields[index + 1].text,
                let snapshot = try? decoder.decode(SupplierSanction.Snapshot.self, from: Data(json.utf8))
            else { continue }
            snapshots[supplier] = snapshot
        }
        seen = version
        adopt(snapshots)
    }
}
