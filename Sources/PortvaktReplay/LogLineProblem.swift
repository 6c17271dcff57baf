/// What is wrong with one access-log line, in words for the operator: `'time' is not an RFC 3339 timestamp`.
public struct LogLineProblem: Error, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }

    static func missing(_ field: LogField) -> Self { Self("'\(field.name)' is missing") }

    static let notATimestamp = Self("'time' is not an RFC 3339 timestamp")

    static func wrongKind(_ field: LogField, _ wanted: String, _ found: JSONValueBytes) -> Self {
        Self("'\(field.name)' must be \(wanted), not \(found.kind)")
    }
}
