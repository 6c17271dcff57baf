/// The text of a JSON string whose bytes `JSONObjectScanner` has already checked.
enum JSONStringDecoding {
    /// The string between the quotes at `range`, with its escapes resolved. A `\u` escape of an unpaired
    /// surrogate becomes U+FFFD, as do bytes that are not UTF-8.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasEscapes: Bool) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[range])
        guard hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var index = 0
        /// Plain bytes gather in `utf8` and are decoded in one go before each escape.
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        while index < raw.count {
            guard raw[index] == UInt8(ascii: "\\") else {
                utf8.append(raw[index])
                index += 1
                continue
            }
            flush()
            let code = raw[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = hexUnit(raw, at: index)
                index += 4
                if UTF16.isLeadSurrogate(unit), index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"),
                    raw[index + 1] == UInt8(ascii: "u"), UTF16.isTrailSurrogate(hexUnit(raw, at: index + 2))
                {
                    let trail = hexUnit(raw, at: index + 2)
                    index += 6
                    let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            default: scalars.append(Unicode.Scalar(code))  // `"`, `\` and `/` stand for themselves
            }
        }
        flush()
        return String(scalars)
    }

    /// The four hex digits at `index` as one UTF-16 code unit.
    private static func hexUnit(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16 {
        raw[index..<index + 4].reduce(0) { $0 << 4 | UInt16($1.hexValue ?? 0) }
    }
}
