/// A request target (`/path?query`) split into path segments and decoded query parameters.
struct RequestTarget: Equatable {
    /// The path's segments without empty ones: `/a//b/` gives `["a", "b"]`. Not percent-decoded: the stand-in's
    /// routes never need it, and ids are echoed back as sent.
    var segments: [Substring]
    /// The query's `name=value` pairs in order, percent-decoded (`+` as space).
    var query: [(name: String, value: String)]

    init(_ target: String) {
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.segments = (pathAndQuery.first ?? "").split(separator: "/")
        self.query = []
        if pathAndQuery.count == 2 {
            for pair in pathAndQuery[1].split(separator: "&") {
                let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.percentDecoded(nameAndValue[0])
                let value = nameAndValue.count == 2 ? Self.percentDecoded(nameAndValue[1]) : ""
                self.query.append((name, value))
            }
        }
    }

    /// The path as `/a/b`, without the query (problem details never echo query values, which may hold
    /// identity numbers).
    var pathOnly: String {
        "/" + self.segments.joined(separator: "/")
    }

    /// The first value of query parameter `name`.
    func queryValue(_ name: String) -> String? {
        self.query.first { $0.name == name }?.value
    }

    static func == (lhs: RequestTarget, rhs: RequestTarget) -> Bool {
        lhs.segments == rhs.segments && lhs.query.elementsEqual(rhs.query) { $0 == $1 }
    }

    /// Decodes `%XX` escapes and `+`; a malformed escape is kept as written.
    static func percentDecoded(_ text: Substring) -> String {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
