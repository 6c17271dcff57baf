import Glibc

/// The lines of a file, read in large chunks and handed out as bytes: a million-line log never becomes
/// one string, and no line is copied unless it straddles two chunks. A gzip-compressed file is read
/// inflated (`LogSource`).
enum LogFileLines {
    /// Calls `body` with each line's number (from 1) and bytes without the `\n`, including a last line
    /// that has no `\n`. Throws `ReplayError.cannotRead` when the file cannot be opened or read, and
    /// whatever `body` throws. A chunk of 256 KiB is parsed while it is still in the core's second-level cache
    /// where `read` put it, leaving room there for the reader's tables; chunks of 4 MiB went through it.
    static func forEach(
        inFile path: String, chunkSize: Int = 1 << 18,
        _ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let source = try LogSource(path: path)

        var buffer = [UInt8](repeating: 0, count: chunkSize)
        /// Bytes in `buffer` not yet handed out: the start of a line whose end has not been read yet.
        var pending = 0
        var lineNumber = 0
        while true {
            if pending == buffer.count {  // one line longer than the buffer: make room for the rest of it
                buffer += [UInt8](repeating: 0, count: buffer.count)
            }
            let count = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[pending...]))
            }
            let filled = pending + count
            let consumed = try buffer.withUnsafeBufferPointer { bytes in
                var start = 0
                while start < filled, let newline = memchr(bytes.baseAddress! + start, 0x0A, filled - start) {
                    let end = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    lineNumber += 1
                    try body(lineNumber, UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end + 1
                }
                if count == 0, start < filled {  // the end of the file: the last line has no `\n`
                    lineNumber += 1
                    try body(lineNumber, UnsafeBufferPointer(rebasing: bytes[start..<filled]))
                    start = filled
                }
                return start
            }
            if count == 0 { return }
            pending = filled - consumed
            if consumed > 0, pending > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, pending)
                }
            }
        }
    }
}
