import Crypto
import NIOCore
import PortvaktCore

/// A running byte count and SHA-256 of a body that is consumed, never kept.
struct BodyDigest {
    private(set) var byteCount = 0
    private var hash = SHA256()

    mutating func update(_ buffer: ByteBuffer) {
        self.byteCount += buffer.readableBytes
        buffer.withUnsafeReadableBytes { self.hash.update(bufferPointer: $0) }
    }

    /// The lowercase hex SHA-256 of everything seen so far.
    var sha256Hex: String {
        self.hash.finalize().hexString
    }
}
