/// Norwegian organisation numbers as tokens carry them: 9 digits, bare or as ISO 6523 `0192:` + 9 digits.
enum OrganizationNumber {
    private static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

    /// The bare 9 digits when `identifier` is a valid organisation number (Brønnøysund's mod-11 check digit),
    /// else nil: a garbled number would otherwise become a supplier of its own in every limit and report.
    static func parse(_ identifier: String) -> String? {
        let digits = identifier.hasPrefix("0192:") ? identifier.dropFirst(5) : Substring(identifier)
        let values = digits.utf8.map { Int($0) - 48 }
        guard values.count == 9, values.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        let check = remainder == 0 ? 0 : 11 - remainder
        guard check != 10, check == values[8] else { return nil }
        return String(digits)
    }
}
