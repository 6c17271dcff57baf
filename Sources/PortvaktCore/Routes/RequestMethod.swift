/// An HTTP request method as far as routing cares; every method not named here is `.other`.
public enum RequestMethod: Sendable, Hashable {
    case get, head, post, put, patch, delete, options, other

    /// Parses the method token. Methods are case-sensitive (RFC 9110 §9.1), so `get` is `.other`.
    public init(_ name: some StringProtocol) {
        let token = name.utf8
        self =
            switch token.count {
            case 3 where token.elementsEqual("GET".utf8): .get
            case 3 where token.elementsEqual("PUT".utf8): .put
            case 4 where token.elementsEqual("HEAD".utf8): .head
            case 4 where token.elementsEqual("POST".utf8): .post
            case 5 where token.elementsEqual("PATCH".utf8): .patch
            case 6 where token.elementsEqual("DELETE".utf8): .delete
            case 7 where token.elementsEqual("OPTIONS".utf8): .options
            default: .other
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
