import NIOCore

/// Walks a stretch of `BytePattern` in 64 KiB pieces, so a body of any size is produced one piece at a time,
/// only as fast as the connection takes it.
struct GeneratedBodyCursor {
    private(set) var next: Int
    let end: Int

    init(_ range: Range<Int>) {
        self.next = range.lowerBound
        self.end = range.upperBound
    }

    var isFinished: Bool { self.next >= self.end }

    /// The next piece, or nil when the stretch is done.
    mutating func nextChunk(allocator: ByteBufferAllocator) -> ByteBuffer? {
        guard !self.isFinished else { return nil }
        let chunkEnd = min(self.next + BytePattern.chunkSize, self.end)
        var buffer = allocator.buffer(capacity: chunkEnd - self.next)
        BytePattern.write(self.next..<chunkEnd, into: &buffer)
        self.next = chunkEnd
        return buffer
    }
}
