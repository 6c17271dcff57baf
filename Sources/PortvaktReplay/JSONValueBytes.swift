/// One member value of a JSON object, located in the line's bytes but not yet decoded: the reader decodes
/// only the members it needs, and only once it knows it needs them.
enum JSONValueBytes: Equatable {
    /// The bytes between the quotes; `hasEscapes` tells whether they must be unescaped to be read.
    case string(Range<Int>, hasEscapes: Bool)
    /// The number's text, already checked against JSON's number grammar.
    case number(Range<Int>)
    case bool(Bool)
    case null
    /// An object or an array: checked for balance and skipped.
    case nested

    /// What the value is, for error messages: `a string`, `a number`, …
    var kind: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .nested: "an object or array"
        }
    }
}
