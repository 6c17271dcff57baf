/// The query of an admin request, `since=24h&format=csv`, its values percent-decoded (`+` is a space).
struct AdminQuery {
    private var values: [String: String] = [:]

    init(_ query: Substring) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decoded(parts[0]) else { continue }
            values[name] = parts.count > 1 ? Self.decoded(parts[1]) : ""
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// nil for a bad escape or bytes that are not UTF-8.
    private static func decoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            let byte = text.utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = text.utf8.index(after: index)
                guard high < text.utf8.endIndex, text.utf8.index(after: high) < text.utf8.endIndex,
                    let value = UInt8(String(text[high...text.utf8.index(after: high)]), radix: 16)
                else { return nil }
                bytes.append(value)
                index = text.utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = text.utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
