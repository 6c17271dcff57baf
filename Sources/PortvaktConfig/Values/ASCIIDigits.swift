/// The whole number written by `utf8`, which must be one or more ASCII digits and nothing else.
/// Nil on anything else, including signs, spaces, non-ASCII digits and overflow of `Int64`.
func asciiDigits(_ utf8: some Collection<UInt8>) -> Int64? {
    guard !utf8.isEmpty else { return nil }
    var value: Int64 = 0
    for byte in utf8 {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflowB) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
        guard !overflowA, !overflowB else { return nil }
        value = sum
    }
    return value
}

/// `value × multiplier`, or nil when that leaves `Int64`.
func multiplied(_ value: Int64, by multiplier: Int64) -> Int64? {
    let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
    return overflow ? nil : product
}
