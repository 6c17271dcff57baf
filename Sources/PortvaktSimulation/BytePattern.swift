import Crypto
import NIOCore
import PortvaktCore

/// The deterministic content of every generated body: broker downloads, `/_test/chunked` answers and the
/// client's generated uploads.
///
/// Byte `i` is byte `i % 8` (little-endian) of `splitMix64(i / 8)`:
///
///     byte(i) = UInt8(truncatingIfNeeded: splitMix64(UInt64(i / 8)) >> (8 * (i % 8)))
///
/// A test computes the SHA-256 of any stretch from its offsets alone, so no file is ever stored.
/// A simple `i &* 31 &+ 7` pattern would repeat every 256 bytes, and then a proxy that sent one 64 KiB chunk
/// twice and dropped another would still produce the right hash; this pattern never repeats at any offset
/// a stream could slip by.
public enum BytePattern {
    /// The byte at absolute offset `offset` of the pattern.
    public static func byte(at offset: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: splitMix64(UInt64(offset / 8)) >> (8 * UInt64(offset % 8)))
    }

    /// Appends the pattern's bytes for `range` to `buffer`.
    public static func write(_ range: Range<Int>, into buffer: inout ByteBuffer) {
        guard !range.isEmpty else { return }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: range.count) { destination in
            var offset = range.lowerBound
            var index = 0
            // Leading bytes up to the first word boundary.
            while offset % 8 != 0 && offset < range.upperBound {
                destination[index] = byte(at: offset)
                offset += 1
                index += 1
            }
            // Whole words, stored eight bytes at a time.
            while offset + 8 <= range.upperBound {
                destination.storeBytes(
                    of: splitMix64(UInt64(offset / 8)).littleEndian,
                    toByteOffset: index,
                    as: UInt64.self
                )
                offset += 8
                index += 8
            }
            // Trailing bytes.
            while offset < range.upperBound {
                destination[index] = byte(at: offset)
                offset += 1
                index += 1
            }
            return range.count
        }
    }

    /// The pattern's bytes for `range` as an array (for small stretches in tests).
    public static func bytes(_ range: Range<Int>) -> [UInt8] {
        var buffer = ByteBuffer()
        write(range, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// The lowercase hex SHA-256 of the pattern's bytes for `range`, computed in 64 KiB pieces.
    public static func sha256Hex(of range: Range<Int>) -> String {
        var hash = SHA256()
        var buffer = ByteBuffer()
        buffer.reserveCapacity(chunkSize)
        var offset = range.lowerBound
        while offset < range.upperBound {
            let end = min(offset + chunkSize, range.upperBound)
            buffer.clear()
            write(offset..<end, into: &buffer)
            buffer.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
            offset = end
        }
        return hash.finalize().hexString
    }

    /// The size of the pieces generated bodies are produced and written in.
    static let chunkSize = 64 * 1024

    /// SplitMix64's output function (Steele, Lea, Flood 2014): a cheap bijective mixer of the word index.
    static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
