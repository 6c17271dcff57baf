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
        /// The version last read.
        var seen: Int64?
    }

    static let ladders = "portvakt:ladders"
    static let version = "portvakt:ladders:version"
    /// Writes a snapshot and moves the version on, in one step.
    static let publishScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('INCR', KEYS[2])
        """

    private let logger: Logger
    private let adopt: @Sendable ([String: SupplierSanction.Snapshot]) -> Void
    private let state = Mutex(State())
    private let thread = ClusterThread()

    /// Reads what Redis holds once before returning (so an instance starts with the cluster's sanctions when
    /// Redis answers), then keeps following it.
    public init(
        host: String, port: Int, timeout: Duration = .milliseconds(250), pollInterval: Duration = .milliseconds(250),
        logger: Logger, adopt: @escaping @Sendable ([String: SupplierSanction.Snapshot]) -> Void
    ) {
        self.logger = logger
        self.adopt = adopt
        thread.start(
            redis: .init(host: host, port: port, timeout: timeout), interval: pollInterval,
            firstRoundBeforeReturning: true
        ) { [self] link, _ in self.round(on: &link) }
    }

    /// Hands this instance's new snapshot of `supplier` to the others (sent at once by the thread).
    public func publish(_ supplier: String, _ snapshot: SupplierSanction.Snapshot) {
        state.withLock { $0.pending[supplier] = snapshot }
        thread.wake()
    }

    /// Sends what is still pending (if Redis answers), then stops the thread.
    public func shutdown() {
        thread.stop()
    }

    // MARK: The thread

    /// Sends what is pending and reads the ladders when their version moved; what could not be sent is kept for
    /// the next round.
    private func round(on link: inout RedisLink) -> Bool {
        let (pending, seen) = state.withLock { state in
            defer { state.pending = [:] }
            return (state.pending, state.seen)
        }
        // An unreachable Redis is tried again a second later; the first look at it is done either way.
        guard let connection = try? link.connected() else {
            self.keep(pending)
            return false
        }
        do {
            try self.send(pending, on: connection)
            let version = try self.follow(connection, seen: seen)
            state.withLock { $0.seen = version }
        } catch {
            logger.warning("cluster: sanctions not shared for now: \(error)")
            link.failed()
            self.keep(pending)
        }
        return false
    }

    /// Puts snapshots not sent back with the pending ones, a newer one of the same supplier winning.
    private func keep(_ unsent: [String: SupplierSanction.Snapshot]) {
        guard !unsent.isEmpty else { return }
        state.withLock { state in state.pending.merge(unsent) { newer, _ in newer } }
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

    /// Reads the hash when the version moved past `seen`, and hands it to `adopt`; the version now.
    private func follow(_ connection: RedisConnection, seen: Int64?) throws -> Int64? {
        let version = try connection.command(["GET", Self.version]).integer ?? 0
        guard version != seen else { return seen }
        guard case .array(let fields) = try connection.command(["HGETALL", Self.ladders]) else { return seen }
        let decoder = JSONDecoder()
        var snapshots: [String: SupplierSanction.Snapshot] = [:]
        for index in stride(from: 0, to: fields.count - 1, by: 2) {
            guard let supplier = fields[index].text, let json = fields[index + 1].text,
                let snapshot = try? decoder.decode(SupplierSanction.Snapshot.self, from: Data(json.utf8))
            else { continue }
            snapshots[supplier] = snapshot
        }
        adopt(snapshots)
        return version
    }
}
