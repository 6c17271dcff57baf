/// An HTTP request method as far as routing cares; every method not named here is `.other`.
public enum RequestMethod: Sendable, Hashable {
    case get, head, post, put, patch, delete, options, other

    /// Parses the method token. Methods are case-sensitive (RFC 9110 §9.1), so `get` is `.other`. The token
    /// is read as one little-endian word of its bytes, its length in the top byte (so a zero byte after
    /// `GET` is no `GET`), and matched against the known methods' words: every request and every judged
    /// answer parses one, and comparing strings cost more than the rest of routing.
    public init(_ name: borrowing String) {
        self =
            switch Self.packed(token: name) {
            case 0x0300_0000_0054_4547: .get  // GET
            case 0x0300_0000_0054_5550: .put  // PUT
            case 0x0400_0000_4441_4548: .head  // HEAD
            case 0x0400_0000_5453_4F50: .post  // POST
            case 0x0500_0048_4354_4150: .patch  // PATCH
            case 0x0600_4554_454C_4544: .delete  // DELETE
            case 0x0753_4E4F_4954_504F: .options  // OPTIONS
            default: .other
            }
    }

    /// A method token of up to seven bytes as one word: its bytes in order, its length in the top byte, so no
    /// two tokens pack alike; nil for a longer one. The limit rules match methods by it too.
    static func packed(token: borrowing String) -> UInt64? {
        token.withUTF8Bytes { bytes in
            guard bytes.count <= 7 else { return nil }
            var word = UInt64(bytes.count) << 56
            for index in bytes.indices { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
            return word
        }
    }

    /// The method token, e.g. `GET`; `OTHER` for every method this type does not name.
    public var name: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .patch: "PATCH"
        case .delete: "DELETE"
        case .options: "OPTIONS"
        case .other: "OTHER"
        }
    }
}

extension RequestMethod {
    /// A small stable number per method, for hashing.
    var hashCode: UInt32 {
        switch self {
        case .get: 1
        case .head: 2
        case .post: 3
        case .put: 4
        case .patch: 5
        case .delete: 6
        case .options: 7
        case .other: 8
        }
    }
}
