import Foundation

/// The hand-over between the proxy and the store's writer thread: writes in order, bounded, and tickets
/// for the callers that must wait until theirs is committed. The writer wakes when there is work and at
/// least every `flushInterval`, so that usage counts reach the disk even while nothing else happens.
final class StoreQueue: @unchecked Sendable {
    // Everything below is guarded by `condition`'s lock.
    private let condition = NSCondition()
    private let capacity: Int
    private var pending: [StoreJob] = []
    private var usage = UsageTally()
    /// Sequence numbers: `queued` counts writes accepted, `settled` those written or failed.
    private var queued = 0
    private var settled = 0
    /// The tickets someone waits for, and those of them that failed.
    private var awaitedTickets: Set<Int> = []
    private var failedTickets: Set<Int> = []
    private var dropped = 0
    private var failed = 0
    private var stopping = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Enqueues `job`; its ticket, or nil when the queue is full or closing (then counted as dropped).
    /// An `awaited` job, whose caller will `wait(for:)` it, is taken even when the queue is full.
    func push(_ job: StoreJob, awaited: Bool = false) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, awaited || pending.count < capacity else {
            dropped += 1
            return nil
        }
        pending.append(job)
        queued += 1
        if awaited { awaitedTickets.insert(queued) }
        condition.broadcast()
        return queued
    }

    /// Counts one request in its hour (never dropped: the tally's size is bounded by the keys, not the requests).
    func count(at time: Int64, supplier: String, product: String, decision: String) {
        condition.lock()
        defer { condition.unlock() }
        usage.count(at: time, supplier: supplier, product: product, decision: decision)
    }

    /// Waits up to `timeout` for jobs and takes them all, with the ticket of the first, and the usage counted
    /// so far; an empty batch after a quiet `timeout`; nil once stopping and empty.
    func take(waitingAtMost timeout: TimeInterval) -> (
        firstTicket: Int, jobs: [StoreJob], usage: [UsageTally.Key: Int]
    )? {
        condition.lock()
        defer { condition.unlock() }
        if pending.isEmpty && !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: timeout)) }
        if pending.isEmpty && stopping && usage.counts.isEmpty { return nil }
        let batch = pending
        pending = []
        return (settled + 1, batch, usage.take())
    }

    /// Records how a batch taken by `take` went.
    func settle(count: Int, firstTicket: Int, succeeded: Bool) {
        condition.lock()
        defer { condition.unlock() }
        if !succeeded {
            failed += count
            failedTickets.formUnion(awaitedTickets.filter { (firstTicket..<firstTicket + count).contains($0) })
        }
        settled += count
        condition.broadcast()
    }

    /// Blocks until the write with `ticket` is settled; whether it was committed.
    func wait(for ticket: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while settled < ticket { condition.wait() }
        awaitedTickets.remove(ticket)
        return failedTickets.remove(ticket) == nil
    }

    /// Writes dropped because the queue was full or closed, and writes lost to a failed transaction.
    var counts: (dropped: Int, failed: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (dropped, failed)
    }

    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
    }
}

/// What the writer thread is asked to do: a write, or a pass that writes the usage counted so far.
enum StoreJob: Sendable {
    case write(StoreWrite)
    case flush
}
