import CChildSpawn
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A program a test runs as a child process, started with `posix_spawn` (`portvakt_spawn`) rather than
/// Foundation's `Process`, whose `run()` on Linux now and then crashes the test process (see `CChildSpawn`).
/// What it writes to a captured stream is read as it comes, on a thread of its own (not one of Dispatch's
/// global queues, whose few threads a long-lived child's reader would hold), so a child that writes more than a
/// pipe holds never waits on a test that reads only once it has ended.
public final class ChildProcess: Sendable {
    /// Where a child's standard output or error goes.
    public enum Output: Sendable {
        /// Kept, for `output` and `errorOutput` once the child has ended.
        case capture
        /// `/dev/null`.
        case discard
        /// The descriptor's file, which stays the caller's to close.
        case descriptor(Int32)
    }

    public struct SpawnFailure: Error, CustomStringConvertible {
        public var executable: String
        public var code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    public let processIdentifier: Int32
    private let status = Mutex<Int32?>(nil)
    private let captured: [Captured?]

    /// Starts `executable` (a path) with `arguments`, in `environment` (nil: this process's), in `directory`
    /// (nil: this process's), with `input` on its standard input (nil: `/dev/null`), its standard output and
    /// error as `output` and `error` say.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, input: [UInt8]? = nil, output: Output = .capture, error: Output = .capture
    ) throws {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        var inputPipe: (read: Int32, write: Int32)?
        if input != nil { inputPipe = try Self.pipe() }
        var childEnds: [Int32] = []
        var captured: [Captured?] = []
        for stream in [output, error] {
            switch stream {
            case .capture:
                let pipe = try Self.pipe()
                childEnds.append(pipe.write)
                captured.append(Captured(reading: pipe.read))
            case .discard:
                childEnds.append(null)
                captured.append(nil)
            case .descriptor(let descriptor):
                childEnds.append(descriptor)
                captured.append(nil)
            }
        }
        let environment = environment ?? ProcessInfo.processInfo.environment
        var pid: pid_t = 0
        let result = Self.withCStrings([executable] + arguments) { argv in
            Self.withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                portvakt_spawn(
                    &pid, executable, argv, envp, directory, inputPipe?.read ?? null, childEnds[0], childEnds[1])
            }
        }
        if let inputPipe { close(inputPipe.read) }
        for (end, stream) in zip(childEnds, [output, error]) {
            if case .capture = stream { close(end) }
        }
        guard result == 0 else {
            // The captured streams' readers see their end, as no child holds the other.
            if let inputPipe { close(inputPipe.write) }
            throw SpawnFailure(executable: executable, code: result)
        }
        processIdentifier = pid
        self.captured = captured
        if let inputPipe, let input {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(inputPipe.write, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { break }
                    offset += written
                }
            }
            close(inputPipe.write)
        }
    }

    /// Whether the child has not ended yet.
    public var isRunning: Bool { reap(waiting: false) == nil }

    /// Waits for the child to end.
    public func waitUntilExit() { _ = reap(waiting: true) }

    /// The exit code, or the number of the signal that ended the child (as Foundation's `Process` has it);
    /// waits for it to end.
    public var terminationStatus: Int32 {
        let status = reap(waiting: true)!
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
    }

    /// Sends SIGTERM.
    public func terminate() { kill(processIdentifier, SIGTERM) }

    /// All the child wrote to its captured standard output; waits for it to close the stream (empty when not
    /// captured).
    public var output: [UInt8] { captured[0]?.bytes() ?? [] }

    /// The same of its standard error.
    public var errorOutput: [UInt8] { captured[1]?.bytes() ?? [] }

    /// The child's wait status once it has ended, reaped once and kept.
    private func reap(waiting: Bool) -> Int32? {
        status.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                var result: pid_t
                repeat {
                    result = waitpid(processIdentifier, &raw, waiting ? 0 : WNOHANG)
                } while result < 0
                    && errno == EINTR
                if result == processIdentifier { status = raw }
            }
            return status
        }
    }

    /// One captured stream, read to its end on a thread of its own.
    private final class Captured: Sendable {
        private let read: Int32
        private let collected = Mutex<[UInt8]>([])
        private let done = DispatchSemaphore(value: 0)

        init(reading descriptor: Int32) {
            read = descriptor
            Thread { self.drain() }.start()
        }

        private func drain() {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                collected.withLock { $0.append(contentsOf: buffer[..<count]) }
            }
            close(read)
            done.signal()
        }

        func bytes() -> [UInt8] {
            done.wait()
            done.signal()
            return collected.withLock { $0 }
        }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        let result = portvakt_pipe(&ends)
        guard result == 0 else { throw SpawnFailure(executable: "pipe", code: result) }
        return (ends[0], ends[1])
    }

    /// `strings` as a NULL-terminated array of C strings, for the duration of `body`.
    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        let copies = strings.map { strdup($0) } + [nil]
        defer { for copy in copies { free(copy) } }
        return copies.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
