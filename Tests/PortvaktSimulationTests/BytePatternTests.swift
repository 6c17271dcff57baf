import NIOCore
import Testing

@testable import PortvaktSimulation

@Suite struct BytePatternTests {
    @Test func writtenStretchesMatchByteAtOffset() {
        for range in [0..<0, 0..<1, 3..<21, 5..<8, 8..<16, 1000..<1300] {
            var buffer = ByteBuffer()
            BytePattern.write(range, into: &buffer)
            #expect(Array(buffer.readableBytesView) == range.map(BytePattern.byte(at:)))
        }
    }

    @Test func stretchesFarApartDiffer() {
        // A 64 KiB piece sent twice must not hash like the right one.
        #expect(BytePattern.bytes(0..<65536) != BytePattern.bytes(65536..<131072))
        #expect(BytePattern.bytes(0..<256) != BytePattern.bytes(256..<512))
    }

    @Test func hashIsIndependentOfPieceBoundaries() {
        let range = 7..<(3 * BytePattern.chunkSize + 13)
        var digest = BodyDigest()
        var buffer = ByteBuffer()
        BytePattern.write(range, into: &buffer)
        digest.update(buffer)
        #expect(BytePattern.sha256Hex(of: range) == digest.sha256Hex)
        #expect(digest.byteCount == range.count)
    }

    @Test func emptyStretchHashesLikeNothing() {
        #expect(
            BytePattern.sha256Hex(of: 0..<0) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
    }
}
