import Crypto
import PortvaktCore

/// The access log's `response_digest`: what lets the polling detector see that an answer brought nothing new.
///
/// The upstream's ETag when it sent one (Dialogporten's is the dialog's revision); otherwise a SHA-256 of the
/// body, computed as it streams past. Bodies beyond `maximumHashedBodySize` get no digest: polled answers are
/// small, and hashing multi-gigabyte downloads would cost CPU for nothing.
public struct ResponseDigest: Sendable {
    public static let maximumHashedBodySize = 1 << 20

    private let etag: String?
    private var hasher: SHA256?
    private var bodySize = 0

    /// An empty ETag counts as none.
    public init(etag: String?) {
        self.etag = etag?.isEmpty == false ? etag : nil
        self.hasher = self.etag == nil ? SHA256() : nil
    }

    /// Feeds the next piece of the body.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard hasher != nil else { return }
        bodySize += bytes.count
        if bodySize > Self.maximumHashedBodySize {
            hasher = nil
        } else {
            hasher?.update(bufferPointer: bytes)
        }
    }

    /// The ETag, else the body's SHA-256 as 64 lower-case hex digits, else nil (body too large).
    public mutating func finish() -> String? {
        if let etag { return etag }
        return hasher?.finalize().withUnsafeBytes { $0.hexString }
    }
}
