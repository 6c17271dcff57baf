import Foundation
import PortvaktCore
import PortvaktThreads

/// Appends access log records to a file from a thread of its own, so that no request ever waits on the disk.
///
/// `log` only enqueues. The writer thread sleeps until there is work, takes the whole queue at once, encodes
/// it into one buffer and hands it to the kernel in one `write(2)` (`O_APPEND`, so whole lines land together
/// even while another process appends too). When the disk is slower than the traffic the queue fills and
/// further records are dropped and counted: losing log lines is better than stalling the proxy.
///
/// Every record is scrubbed of national identity numbers on that thread, just before it is encoded: nothing
/// reaches the file unscrubbed, and the requests never pay for the keyed hash.
public final class AccessLogWriter: Sendable {
    private let queue: AccessLogQueue

    /// Opens (creating if needed, with its parent directories) `path` for appending and starts the writer
    /// thread. `capacity` bounds the records waiting to be written; `scrubber` puts pseudonyms in place of
    /// identity numbers; past `maxSize` bytes the file is rotated, `keep` old ones kept (`AccessLogRotation`).
    public init(
        path: String, capacity: Int = 65_536, scrubber: IdentityNumberScrubber, maxSize: Int = .max, keep: Int = 0
    ) throws(AccessLogError) {
        precondition(capacity > 0, "an access log queue needs room for at least one record")
        let descriptor = try Self.openForAppending(path)
        let queue = AccessLogQueue(capacity: capacity)
        self.queue = queue
        let rotation = AccessLogRotation(path: path, maxSize: maxSize, keep: keep)
        let thread = Thread {
            nameThisThread("pv-access-log")
            Self.writeUntilStopped(queue, to: descriptor, scrubber: scrubber, rotation: rotation)
        }
        thread.start()
    }

    deinit {
        queue.stop()
    }

    /// Enqueues `record` without waiting; false if it was dropped because the queue is full or closed.
    @discardableResult
    public func log(_ record: consuming AccessLogRecord) -> Bool {
        queue.push(record)
    }

    /// Records dropped because the queue was full (or the writer closed).
    public var droppedRecords: Int { queue.counts.dropped }

    /// Records on disk.
    public var writtenRecords: Int { queue.counts.written }

    /// Records lost to a failed `write(2)` (disk full, I/O error).
    public var failedRecords: Int { queue.counts.failed }

    /// Blocks until everything queued so far is on disk (or has failed to get there).
    public func flush() {
        queue.waitUntilFinished()
    }

    /// Writes what is queued, then stops the writer thread and closes the file. Records logged afterwards
    /// are dropped. Calling it again does nothing.
    public func close() {
        queue.stop()
    }

    private static func writeUntilStopped(
        _ queue: AccessLogQueue, to descriptor: Int32, scrubber: IdentityNumberScrubber,
        rotation: AccessLogRotation
    ) {
        var descriptor = descriptor
        var rotation = rotation
        var buffer: [UInt8] = []
        while var batch = queue.takeAll() {
            buffer.removeAll(keepingCapacity: true)
            for record in batch { record.scrubbed(by: scrubber).appendJSONLine(to: &buffer) }
            let written = writeAll(buffer, to: descriptor)
            queue.finish(&batch, written: written)
            if written, rotation.wrote(buffer.count), rotation.rotate(),
                let reopened = try? openForAppending(rotation.path)
            {
                closeDescriptor(descriptor)
                descriptor = reopened
            }
            // Group commit: let records gather for a moment, so a busy proxy wakes this thread (and writes) about
            // a hundred times a second rather than once per request. Requests never wait on it.
            if !queue.isStopping { usleep(10_000) }
        }
        closeDescriptor(descriptor)
        queue.markStopped()
    }

    /// One `write(2)` for the whole buffer, more only if the kernel takes it in parts.
    private static func writeAll(_ buffer: [UInt8], to descriptor: Int32) -> Bool {
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count >= 0 {
                    offset += count
                } else if errno != EINTR {
                    return false
                }
            }
            return true
        }
    }

    private static func openForAppending(_ path: String) throws(AccessLogError) -> Int32 {
        func failure(_ context: String = "") -> AccessLogError {
            AccessLogError(path: path, reason: context + String(cString: strerror(errno)))
        }
        for slash in path.indices.dropFirst() where path[slash] == "/" {
            let directory = String(path[..<slash])
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw failure("cannot create directory \(directory): ")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        return descriptor
    }
}

/// `close(2)`, named apart from `AccessLogWriter.close()`.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
