import Dispatch
import Foundation
import PortvaktCore
import PortvaktThreads
import Synchronization

/// Requests as the reading thread hands them over: in log order, each with its route (`LoggedRequest.route(in:)`
/// in the standard catalogue) and, when the replay detects polling, the key of the polling series it reads (nil
/// when it reads none) beside it. The routes are made on the reading thread: a log without routes has each
/// looked up in the catalogue. The keys tell the replaying thread some requests ahead where their series lie
/// (`PollingDetector.prefetchIndex(_:)`); they are made on whichever thread has time for them (`SeriesKeys`).
struct ParsedLogBatch: Sendable {
    var requests: [LoggedRequest] = []
    var routes: [Route] = []
    /// One per request, or none when they were left to the replaying thread (`makeSeriesKeys()`).
    var seriesKeys: [PollingSeriesKey?] = []

    /// Empties the batch, keeping its arrays' memory for the next.
    mutating func removeAll() {
        requests.removeAll(keepingCapacity: true)
        routes.removeAll(keepingCapacity: true)
        seriesKeys.removeAll(keepingCapacity: true)
    }

    /// Makes each request's series key (nil for one that is no successful read), on the replaying thread when the
    /// reading one left them (`SeriesKeys.whereThereIsTime`).
    mutating func makeSeriesKeys() {
        seriesKeys.removeAll(keepingCapacity: true)
        make(routes: false, seriesKeys: true)
    }

    /// Appends each request's route (from the standard catalogue) and series key, as asked, in one pass. Each
    /// request is moved out and back: read in place, it was copied first, every string retained and released again.
    mutating func make(routes makesRoutes: Bool, seriesKeys makesKeys: Bool) {
        let catalogue = RouteCatalogue.standard
        if makesRoutes { routes.reserveCapacity(requests.count) }
        if makesKeys { seriesKeys.reserveCapacity(requests.count) }
        requests.withUnsafeMutableBufferPointer { requests in
            guard let first = requests.baseAddress else { return }
            for index in requests.indices {
                let request = (first + index).move()
                if makesRoutes { routes.append(request.route(in: catalogue)) }
                if makesKeys { seriesKeys.append(request.seriesKey) }
                (first + index).initialize(to: consume request)
            }
        }
    }
}

/// Where a replay's series keys are made (`ParsedLogBatch.seriesKeys`).
enum SeriesKeys: Sendable {
    /// None: the replay detects no polling.
    case none
    /// On the reading thread, for every batch.
    case reading
    /// On the reading thread while the replaying thread has a batch waiting (reading is ahead), else on the
    /// replaying thread, which would otherwise wait: the keys are about a seventh of the reading thread's
    /// work, and each thread is the slower one at times (in this machine's slow mode, the reading one).
    case whereThereIsTime
}

/// The requests of an access log in batches, read and parsed on a thread of their own while the caller
/// replays the batches before: on two cores, reading overlaps replaying. The batches arrive in log order
/// through a bounded queue, so at most `depth` of them wait in memory and the replay sees exactly what a
/// single thread would have, in the same order, up to the first bad line.
enum ParsedLogBatches {
    /// Calls `body` with each batch of requests in log order, with their routes, and with their series keys as
    /// `seriesKeys` says; blank lines are skipped. Throws `ReplayError` for a file that cannot be read or a line
    /// that is not a logged request, after `body` has had every request before it.
    static func forEach(
        inFile path: String, batchSize: Int = 2048, depth: Int = 8, seriesKeys: SeriesKeys = .reading,
        _ body: (inout ParsedLogBatch) -> Void
    ) throws(ReplayError) {
        let queue = HandOff(depth: depth)
        // Replayed batches come back to the reading thread to be emptied and filled again: their requests'
        // strings are released there, and the arrays' memory is reused instead of allocated anew.
        let spares = HandOff(depth: depth + 2)
        // A thread of its own, not one of Dispatch's global workers: those are Swift concurrency's pool too, one
        // per core, and a reader holds one for the whole log.
        Thread {
            nameThisThread("pv-replay-read")
            var memory: LogLineMemory? = LogLineMemory()
            var batch: [LoggedRequest] = []
            batch.reserveCapacity(batchSize)
            /// The batch so far, moved out, with its series keys, and the next started in a spare batch if one
            /// came back. Moved, so that the replaying thread holds the only reference to it: with a second one
            /// still here, its first mutable access copied the whole batch, every string retained on that
            /// thread. The requests and the memory are passed in: captured by this function, every access to
            /// them was checked at run time for exclusivity, twice a line.
            func takeBatch(_ requests: inout [LoggedRequest], _ memory: inout LogLineMemory?) -> ParsedLogBatch {
                var next = ParsedLogBatch()
                if case .batch(var spare)? = spares.tryTake() {
                    spare.removeAll()
                    next = spare
                } else {
                    next.requests.reserveCapacity(batchSize)
                }
                swap(&next.requests, &requests)
                memory!.shareTargets(with: &next.requests)
                let withKeys =
                    switch seriesKeys {
                    case .none: false
                    case .reading: true
                    case .whereThereIsTime: queue.count > 0
                    }
                next.make(routes: true, seriesKeys: withKeys)
                return next
            }
            do {
                try LogFileLines.forEach(inFile: path) { number, line in
                    guard line.contains(where: { !isBlank($0) }) else { return }
                    do throws(LogLineProblem) {
                        batch.append(try LoggedRequest(jsonLine: line, remembering: &memory))
                    } catch {
                        throw ReplayError.badLine(path: path, line: number, problem: error)
                    }
                    if batch.count == batchSize { queue.put(.batch(takeBatch(&batch, &memory))) }
                }
                if !batch.isEmpty { queue.put(.batch(takeBatch(&batch, &memory))) }
                queue.put(.end)
            } catch {
                if !batch.isEmpty { queue.put(.batch(takeBatch(&batch, &memory))) }
                queue.put(.failed(error as? ReplayError ?? .cannotRead(path: path, reason: "\(error)")))
            }
        }.start()
        while true {
            // Consumed, so that `item` keeps no second reference to the batch while `body` mutates it, and the
            // batch goes back whole to the reading thread, whose `removeAll` then releases its requests there.
            let item = queue.take()
            switch consume item {
            case .batch(var batch):
                body(&batch)
                spares.put(.batch(consume batch))
            case .end: return
            case .failed(let error): throw error
            }
        }
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// What the reading thread hands over.
    enum Item: Sendable {
        case batch(ParsedLogBatch)
        case end
        case failed(ReplayError)
    }

    /// A bounded first-in first-out queue between one producing and one consuming thread.
    final class HandOff: Sendable {
        private let items = Mutex<[Item]>([])
        private let free: DispatchSemaphore
        private let filled = DispatchSemaphore(value: 0)

        /// The free slots are signalled rather than given as the semaphore's starting value: libdispatch
        /// traps when a semaphore goes away below its starting value, as `spares` may, left with items.
        init(depth: Int) {
            free = DispatchSemaphore(value: 0)
            for _ in 0..<depth { free.signal() }
        }

        /// Waits for room, then appends `item`, moved in: no reference to a batch stays behind with the
        /// caller, so the taker's is the only one.
        func put(_ item: consuming Item) {
            free.wait()
            var item = Optional(item)
            items.withLock { $0.append(item.take()!) }
            filled.signal()
        }

        /// The items waiting now.
        var count: Int { items.withLock { $0.count } }

        /// The oldest item, if there is one, without waiting.
        func tryTake() -> Item? {
            guard filled.wait(timeout: .now()) == .success else { return nil }
            let item = items.withLock { $0.removeFirst() }
            free.signal()
            return item
        }

        /// Waits for an item, then removes the oldest.
        func take() -> Item {
            filled.wait()
            let item = items.withLock { $0.removeFirst() }
            free.signal()
            return item
        }
    }
}
