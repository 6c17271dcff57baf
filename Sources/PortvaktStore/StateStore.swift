import Foundation
import GRDB
import Logging
import PortvaktCore
import PortvaktReport
import PortvaktThreads

/// Portvakt's durable state in SQLite (`state.path`, WAL): sanctions, the violation ledger with its evidence,
/// the history of levels, and hourly usage per supplier × product × decision.
///
/// The proxy never waits on it. `record` and `count` only hand over; a thread of its own writes what was
/// handed over in one transaction per batch, at least every `flushInterval`. When the disk is full or the file
/// unwritable, the writes of that batch are lost, logged (once, until writing works again) and counted, and
/// nothing else changes. `commit` is for the admin API: it waits until its write, and everything before it, is
/// committed, so a 2xx answer means it survives a `kill -9`. A process crash loses at most the last
/// `flushInterval` of automatic writes.
public final class StateStore: Sendable {
    private let pool: DatabasePool
    private let queue: StoreQueue

    /// Opens (creating it and its directory if needed) and migrates the database at `path`, then starts the
    /// writer. Throws when the file cannot be opened or migrated.
    public convenience init(
        path: String, logger: Logger, capacity: Int = 65_536, flushInterval: Duration = .seconds(1)
    ) throws {
        try self.init(path: path, logger: logger, capacity: capacity, flushInterval: flushInterval, pragmas: [])
    }

    /// `pragmas` run on every connection after Portvakt's own (tests use `max_page_count` for a full disk).
    init(path: String, logger: Logger, capacity: Int, flushInterval: Duration, pragmas: [String]) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        // A reader waits for a writer's checkpoint rather than failing.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL with NORMAL: a commit survives a crash of the process; only a power loss may take the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            for pragma in pragmas { try db.execute(sql: "PRAGMA " + pragma) }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try StoreSchema.migrator.migrate(pool)
        queue = StoreQueue(capacity: capacity)
        let interval = Double(flushInterval.components.seconds) + Double(flushInterval.components.attoseconds) / 1e18
        let thread = Thread { [pool, queue] in
            nameThisThread("pv-state-store")
            Self.writeUntilStopped(pool: pool, queue: queue, interval: interval, logger: logger)
        }
        thread.start()
    }

    deinit { queue.stop() }

    /// Hands `write` to the writer; false when it was dropped (the queue is full or closed).
    @discardableResult
    public func record(_ write: StoreWrite) -> Bool {
        queue.push(.write(write)) != nil
    }

    /// Counts one request in its hour.
    public func count(at time: Int64, supplier: String, product: String, decision: String) {
        queue.count(at: time, supplier: supplier, product: product, decision: decision)
    }

    /// Writes `write` after everything handed over before it and waits until it is committed.
    /// Throws `StoreError.notCommitted` when the write failed.
    public func commit(_ write: StoreWrite) throws(StoreError) {
        guard let ticket = queue.push(.write(write), awaited: true), queue.wait(for: ticket) else {
            throw .notCommitted
        }
    }

    /// Blocks until everything handed over so far, usage included, has been written or has failed.
    public func flush() {
        if let ticket = queue.push(.flush, awaited: true) { _ = queue.wait(for: ticket) }
    }

    /// Writes what is pending, then stops the writer. Further writes are dropped.
    public func close() {
        flush()
        queue.stop()
    }

    /// Writes dropped because the queue was full or closed.
    public var droppedWrites: Int { queue.counts.dropped }
    /// Writes lost to a failed transaction (disk full, unwritable file).
    public var failedWrites: Int { queue.counts.failed }

    /// Reads with a consistent view of the database.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    private static func writeUntilStopped(
        pool: DatabasePool, queue: StoreQueue, interval: TimeInterval, logger: Logger
    ) {
        var failing = false
        while let (firstTicket, jobs, counts) = queue.take(waitingAtMost: interval) {
            if jobs.isEmpty && counts.isEmpty { continue }
            do {
                try pool.write { db in
                    for case .write(let write) in jobs { try write.apply(in: db) }
                    for (key, requests) in counts {
                        // The decision names a column; only the five known ones reach here (`UsageTally`).
                        try db.execute(
                            sql: """
                                INSERT INTO usage (supplier, hour, product, \(key.decision)) VALUES (?, ?, ?, ?)
                                ON CONFLICT (supplier, hour, product)
                                DO UPDATE SET \(key.decision) = \(key.decision) + excluded.\(key.decision)
                                """,
                            arguments: [key.supplier, key.hour, key.product, requests])
                    }
                }
                if failing {
                    failing = false
                    logger.notice("state store: writing again")
                }
                queue.settle(count: jobs.count, firstTicket: firstTicket, succeeded: true)
            } catch {
                if !failing {
                    failing = true
                    logger.error("state store: writes fail and are lost until the disk takes them again: \(error)")
                }
                queue.settle(count: jobs.count, firstTicket: firstTicket, succeeded: false)
            }
        }
    }
}

/// Why the store did not take a write.
public enum StoreError: Error, CustomStringConvertible {
    case notCommitted

    public var description: String {
        switch self {
        case .notCommitted: "the state store could not commit the change (see the log)"
        }
    }
}
