import Foundation

/// A compact JWS (RFC 7515 §7.1) taken apart: the decoded protected header, the signing input the signature
/// covers, the payload still as bytes (read only once the signature holds) and the signature.
struct CompactJWS {
    /// Tokens longer than this are refused unread; real ones are 1–3 KiB.
    static let maximumLength = 16 * 1024

    var header: Header
    /// `base64url(header) "." base64url(payload)`, exactly as received.
    var signingInput: Substring
    var payload: Data
    var signature: Data

    struct Header: Decodable {
        var alg: String
        var kid: String?
        /// Extensions the recipient must understand (RFC 7515 §4.1.11); Portvakt understands none.
        var crit: [String]?
    }

    init(_ token: Substring) throws(TokenRejection) {
        guard token.utf8.count <= Self.maximumLength else { throw .malformed }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .malformed }
        guard let headerBytes = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2])
        else { throw .malformed }
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw .malformed
        }
        signingInput = token[parts[0].startIndex..<parts[1].endIndex]
        self.payload = payload
        self.signature = signature
    }
}
