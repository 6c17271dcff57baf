/// How fast a limit rule's bucket refills: `count` tokens per `period`.
public struct Rate: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var count: Int
    public var period: Duration

    public init(count: Int, period: Duration) {
        self.count = count
        self.period = period
    }

    /// Reads `N/DURATION` (`120/60s`) or `N/UNIT` (`2/s`, `10/m`, `1000/h`). Both sides must be above zero.
    public init?(configText text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let count = asciiDigits(parts[0].utf8), count > 0 else { return nil }
        let periodText = String(parts[1])
        guard let period = Duration(configText: periodText) ?? Duration(configText: "1" + periodText),
            period > .zero
        else { return nil }
        self.init(count: Int(count), period: period)
    }

    /// `count/period` in the largest unit that divides the period: `120/60s` reads back as `120/1m`.
    public var description: String {
        let nanoseconds = period.nanoseconds
        let (unit, size) =
            Duration.configUnits.filter { nanoseconds % $0.value == 0 }.max { $0.value < $1.value }
            ?? ("ns", 1)
        return "\(count)/\(nanoseconds / size)\(unit)"
    }
}
