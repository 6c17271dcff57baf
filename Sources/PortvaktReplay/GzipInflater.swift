import CZlib
import Glibc

/// A gzip file inflated as it is read, every member of it one after the other, as `zcat` reads them.
final class GzipInflater {
    private let descriptor: Int32
    private let path: String
    /// zlib keeps a pointer back to its stream: it must not move, so it lives outside Swift's values.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    private var inputEnded = false
    /// A member just ended: whether another follows is known once more input is read.
    private var memberEnded = false

    init(descriptor: Int32, path: String, firstBytes: [UInt8]) throws {
        self.descriptor = descriptor
        self.path = path
        stream.initialize(to: z_stream())
        // On failure `deinit` still runs (the instance is whole) and frees both; `inflateEnd` then does nothing.
        guard pv_inflate_init(stream) == Z_OK else {
            throw ReplayError.cannotRead(path: path, reason: "zlib could not start")
        }
        input.copyBytes(from: firstBytes)
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(firstBytes.count)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills the start of `buffer` with inflated bytes; the number of them, 0 at the end of the last member.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if stream.pointee.avail_in == 0, !inputEnded {
                let count = try LogSource.read(descriptor, into: input, path: path)
                if count == 0 {
                    inputEnded = true
                } else {
                    stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = UInt32(count)
                }
            }
            if memberEnded {
                guard stream.pointee.avail_in > 0 else { return 0 }  // the last member was the end of the file
                memberEnded = false
                inflateReset(stream)
            }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(buffer.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK, Z_BUF_ERROR:
                if produced == 0, inputEnded, stream.pointee.avail_in == 0 {
                    throw ReplayError.cannotRead(path: path, reason: "the gzip data ends before its last member does")
                }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw ReplayError.cannotRead(path: path, reason: "not valid gzip data (\(message))")
            }
            if produced > 0 { return produced }
        }
    }
}
