import PortvaktCore

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
        String(decoding: PercentDecoding.bytes(text, malformed: .keep)!, as: UTF8.self)
    }
}
