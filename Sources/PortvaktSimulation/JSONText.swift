import PortvaktCore

/// Just enough JSON writing for the stand-in's answers, without Foundation.
enum JSONText {
    /// `value` as a JSON string literal, quotes included.
    static func quoted(_ value: String) -> String {
        String(jsonQuoting: value)
    }

    /// A JSON array of string literals.
    static func array(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ",") + "]"
    }
}
