import Crypto
import PortvaktCore

/// UUIDs that are the same on every run, so tests and demo transcripts can name dialogs and files.
enum DeterministicUUID {
    /// A version-4-shaped UUID (lowercase, hyphenated) derived from the SHA-256 of `seed`.
    static func make(_ seed: String) -> String {
        var hash = SHA256()
        Array(seed.utf8).withUnsafeBytes { hash.update(bufferPointer: $0) }
        var bytes = Array(hash.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.hexString
        let utf8 = Array(hex.utf8)
        func part(_ range: Range<Int>) -> String { String(decoding: utf8[range], as: UTF8.self) }
        return [part(0..<8), part(8..<12), part(12..<16), part(16..<20), part(20..<32)].joined(separator: "-")
    }
}
