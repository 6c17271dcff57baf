import NIOCore
import Testing

@testable import PortvaktSimulation

@Suite struct GeneratedBodyCursorTests {
    @Test func walksTheStretchInPieces() {
        let range = 5..<(2 * BytePattern.chunkSize + 100)
        var cursor = GeneratedBodyCursor(range)
        var pieces: [Int] = []
        var joined = ByteBuffer()
        while var piece = cursor.nextChunk(allocator: ByteBufferAllocator()) {
            pieces.append(piece.readableBytes)
            joined.writeBuffer(&piece)
        }
        #expect(pieces == [BytePattern.chunkSize, BytePattern.chunkSize, 95])
        #expect(cursor.isFinished)
        #expect(Array(joined.readableBytesView) == BytePattern.bytes(range))
    }

    @Test func anEmptyStretchIsFinishedAtOnce() {
        var cursor = GeneratedBodyCursor(7..<7)
        #expect(cursor.isFinished)
        #expect(cursor.nextChunk(allocator: ByteBufferAllocator()) == nil)
    }
}
