import PortvaktCore

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
        PercentDecoding.bytes(text, malformed: .refuse).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
