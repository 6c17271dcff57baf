/// Byte counts as the config writes them: a whole number and a unit, `512KiB`, `100MiB`, `1GiB`.
public enum ByteSize {
    /// Binary units as in the contract, decimal ones because operators write them too, and bare bytes.
    static let units: [Substring: Int64] = [
        "": 1, "B": 1,
        "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
        "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
    ]

    /// The number of bytes `text` stands for; nil when it is not a byte size or overflows.
    public static func bytes(configText text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let count = asciiDigits(digits.utf8), let unit = units[text.dropFirst(digits.count)],
            let bytes = multiplied(count, by: unit)
        else { return nil }
        return Int(bytes)
    }
}
