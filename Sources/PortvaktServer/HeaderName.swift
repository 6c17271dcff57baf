/// The header names the proxy treats specially, recognised from their bytes: by length first, then an ASCII
/// case-insensitive compare — no lower-cased copies, since this runs for every header of every request and answer.
enum HeaderName: Equatable {
    /// RFC 9110 §7.6.1: describes one connection, never forwarded.
    case hopByHop
    case connection
    case host
    case contentLength
    case expect
    case forwarded
    case xForwardedFor
    case other

    init(_ name: String) {
        var name = name
        self = name.withUTF8 { Self.classify($0) }
    }

    private static func classify(_ name: UnsafeBufferPointer<UInt8>) -> HeaderName {
        switch name.count {
        case 2: return Self.equals(name, "te") ? .hopByHop : .other
        case 4: return Self.equals(name, "host") ? .host : .other
        case 6: return Self.equals(name, "expect") ? .expect : .other
        case 7: return Self.equals(name, "trailer") || Self.equals(name, "upgrade") ? .hopByHop : .other
        case 9: return Self.equals(name, "forwarded") ? .forwarded : .other
        case 10:
            if Self.equals(name, "connection") { return .connection }
            return Self.equals(name, "keep-alive") ? .hopByHop : .other
        case 14: return Self.equals(name, "content-length") ? .contentLength : .other
        case 15: return Self.equals(name, "x-forwarded-for") ? .xForwardedFor : .other
        case 16: return Self.equals(name, "proxy-connection") ? .hopByHop : .other
        case 17: return Self.equals(name, "transfer-encoding") ? .hopByHop : .other
        case 18: return Self.equals(name, "proxy-authenticate") ? .hopByHop : .other
        case 19: return Self.equals(name, "proxy-authorization") ? .hopByHop : .other
        default: return .other
        }
    }

    /// `name` equals the lower-case `literal`, ignoring ASCII case (letters only: `-` must match exactly).
    private static func equals(_ name: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard name.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for index in 0..<name.count {
            let want = expected[index]
            let byte = name[index]
            if byte != want && !(want >= UInt8(ascii: "a") && want <= UInt8(ascii: "z") && byte | 0x20 == want) {
                return false
            }
        }
        return true
    }
}
