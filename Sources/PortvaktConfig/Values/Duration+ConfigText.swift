extension Duration {
    /// Nanoseconds per unit of the config's duration syntax.
    static let configUnits: [Substring: Int64] = [
        "ms": 1_000_000,
        "s": 1_000_000_000,
        "m": 60 * 1_000_000_000,
        "h": 3_600 * 1_000_000_000,
        "d": 86_400 * 1_000_000_000,
    ]

    /// Reads the config's duration syntax: a whole number and one unit out of `ms`, `s`, `m`, `h`, `d`
    /// (`500ms`, `30s`, `10m`, `24h`, `7d`). Nil for anything else, and for durations beyond `Int64` nanoseconds.
    public init?(configText text: String) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let count = asciiDigits(digits.utf8), let unit = Self.configUnits[text.dropFirst(digits.count)],
            let nanoseconds = multiplied(count, by: unit)
        else { return nil }
        self = .nanoseconds(nanoseconds)
    }

    /// The whole duration in nanoseconds, the unit PortvaktCore counts time in.
    /// Traps for durations beyond `Int64` nanoseconds (±292 years), which the config never produces.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
