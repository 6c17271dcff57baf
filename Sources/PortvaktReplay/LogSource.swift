import Glibc

/// The bytes of an access log as `LogFileLines` reads them: the file's own, or, when it is gzip-compressed
/// (a log rotated and compressed by logrotate, the shared sample trace), the bytes it holds. Told apart by the
/// gzip magic number, not by the name, so a compressed log needs no flag and a pipe works too. Owns the file:
/// opened here, closed when the source goes.
final class LogSource {
    private let descriptor: Int32
    private let path: String
    private var inflater: GzipInflater?
    /// The first bytes, read to look for the magic number and handed out (or inflated) before the rest.
    private var carried: [UInt8] = []

    /// Opens `path`; `-` is standard input, as the usual tools take it.
    init(path: String) throws {
        let descriptor = path == "-" ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.readError(path) }
        self.descriptor = descriptor
        self.path = path
        var first: [UInt8] = [0, 0]
        var count = 0
        while count < first.count {
            let read = try first.withUnsafeMutableBytes { raw in
                try Self.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[count...]), path: path)
            }
            if read == 0 { break }
            count += read
        }
        carried = Array(first.prefix(count))
        if carried == [0x1F, 0x8B] {
            inflater = try GzipInflater(descriptor: descriptor, path: path, firstBytes: carried)
            carried = []
        }
    }

    deinit {
        close(descriptor)
    }

    /// Fills the start of `buffer`; the number of bytes, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !carried.isEmpty {
            let count = min(carried.count, buffer.count)
            buffer.copyBytes(from: carried.prefix(count))
            carried.removeFirst(count)
            return count
        }
        if let inflater { return try inflater.read(into: buffer) }
        return try Self.read(descriptor, into: buffer, path: path)
    }

    /// `read(2)`, again after a signal.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws
        -> Int
    {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw readError(path) }
        }
    }

    /// `errno` as the reason `path` cannot be read.
    private static func readError(_ path: String) -> ReplayError {
        ReplayError.cannotRead(path: path, reason: String(cString: strerror(errno)))
    }
}
