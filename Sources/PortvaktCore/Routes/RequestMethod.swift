/// An HTTP request method as far as routing cares; every method not named here is `.other`.
public enum RequestMethod: Sendable, Hashable {
    case get, head, post, put, patch, delete, options, other

    /// Parses the method token. Methods are case-sensitive (RFC 9110 §9.1), so `get` is `.other`. The token
    /// is read as one little-endian word of its bytes, its length in the top byte (so a zero byte after
    /// `GET` is no `GET`), and matched against the known methods' words: every request and every judged
    /// answer parses one, and comparing strings cost more than the rest of routing.
    public init(_ name: borrowing String) {
        self = name.withUTF8Bytes { token in
            guard token.count <= 7 else { return .other }
            var word = UInt64(token.count) << 56
            for index in token.indices { word |= UInt64(token[index]) << (8 * UInt64(index)) }
            switch word {
            case 0x0300_0000_0054_4547: return .get  // GET
            case 0x0300_0000_0054_5550: return .put  // PUT
            case 0x0400_0000_4441_4548: return .head  // HEAD
            case 0x0400_0000_5453_4F50: return .post  // POST
            case 0x0500_0048_4354_4150: return .patch  // PATCH
            case 0x0600_4554_454C_4544: return .delete  // DELETE
            case 0x0753_4E4F_4954_504F: return .options  // OPTIONS
            default: return .other
            }
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
