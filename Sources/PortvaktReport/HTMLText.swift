/// Text made safe for HTML, and numbers made easy to read in it.
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references: safe in element content and in quoted attributes.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `1 234 567` with narrow no-break spaces between groups of three, the SI way, so no locale reads it wrong.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "\u{202F}" }
            result.append(digit)
        }
        return result
    }
}
