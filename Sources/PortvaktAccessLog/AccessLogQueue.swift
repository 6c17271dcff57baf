import Foundation

/// The bounded hand-over between request handlers and the writer thread, and the counts of what became of
/// each record. Handlers never wait here longer than it takes to append; the writer sleeps while it is empty.
final class AccessLogQueue: @unchecked Sendable {
    // Everything below is guarded by `condition`'s lock.
    private let condition = NSCondition()
    private let capacity: Int
    private var pending: [AccessLogRecord] = []
    /// The last batch's array, emptied, handed back so its storage serves the next batch.
    private var spare: [AccessLogRecord] = []
    private var accepted = 0
    private var finished = 0
    private var written = 0
    private var dropped = 0
    private var failed = 0
    private var stopping = false
    private var stopped = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Enqueues `record`, or counts it as dropped when the queue is full or closing.
    func push(_ record: consuming AccessLogRecord) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, pending.count < capacity else {
            dropped += 1
            return false
        }
        pending.append(record)
        accepted += 1
        // Broadcast, not signal: flush() waits on the same condition and must not swallow the writer's wake-up.
        if pending.count == 1 { condition.broadcast() }
        return true
    }

    /// Waits for records and takes all of them at once; nil once the queue is stopping and empty.
    func takeAll() -> [AccessLogRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !stopping { condition.wait() }
        guard !pending.isEmpty else { return nil }
        let batch = pending
        pending = spare
        spare = []  // so that `pending` owns its storage alone and appends need no copy
        return batch
    }

    /// Records the outcome of a batch taken by `takeAll()` and returns its emptied array for reuse.
    func finish(_ batch: inout [AccessLogRecord], written success: Bool) {
        let count = batch.count
        batch.removeAll(keepingCapacity: true)
        condition.lock()
        defer { condition.unlock() }
        finished += count
        if success { written += count } else { failed += count }
        swap(&spare, &batch)
        condition.broadcast()
    }

    /// Blocks until every record accepted so far has been written or has failed.
    func waitUntilFinished() {
        condition.lock()
        defer { condition.unlock() }
        let target = accepted
        while finished < target && !stopped { condition.wait() }
    }

    /// Lets the writer drain what is queued, then waits for it to say it has stopped.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
    }

    /// Called by the writer thread as its last act.
    func markStopped() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
    }

    var counts: (written: Int, dropped: Int, failed: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (written, dropped, failed)
    }
}
