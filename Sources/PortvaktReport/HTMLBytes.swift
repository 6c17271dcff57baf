/// HTML written straight into the page's bytes: text made safe for it, numbers made easy to read in it.
extension Array where Element == UInt8 {
    /// `text` as it is, for markup and for text the renderer made itself (numbers, times, level names).
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// `&`, `<`, `>`, `"` and `'` as character references: safe in element content and in quoted attributes.
    mutating func appendEscapedHTML(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var cleanStart = 0
            for index in bytes.indices {
                let reference: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): reference = "&amp;"
                case UInt8(ascii: "<"): reference = "&lt;"
                case UInt8(ascii: ">"): reference = "&gt;"
                case UInt8(ascii: "\""): reference = "&quot;"
                case UInt8(ascii: "'"): reference = "&#39;"
                default: continue
                }
                append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cleanStart..<index]))
                appendASCII(reference)
                cleanStart = index + 1
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cleanStart...]))
        }
    }

    /// `1 234 567` with narrow no-break spaces (U+202F) between groups of three, the SI way, so no locale
    /// reads it wrong.
    mutating func appendGrouped(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let start = endIndex
        appendDecimal(value.magnitude)
        let digits = endIndex - start
        guard digits > 3 else { return }
        // Moved into place from the back: each group of three gets its separator in front.
        let separators = (digits - 1) / 3
        append(contentsOf: repeatElement(0, count: separators * 3))
        var from = start + digits - 1
        var to = endIndex - 1
        for count in 0..<digits {
            if count > 0 && count % 3 == 0 {
                self[to] = 0xAF
                self[to - 1] = 0x80
                self[to - 2] = 0xE2
                to -= 3
            }
            self[to] = self[from]
            to -= 1
            from -= 1
        }
    }

    /// An SVG coordinate to at most one decimal: `12`, `12.5`.
    mutating func appendCoordinate(_ value: Double) {
        let tenths = Int((value * 10).rounded())
        appendDecimal(tenths / 10)
        guard tenths % 10 != 0 else { return }
        append(UInt8(ascii: "."))
        append(UInt8(ascii: "0") + UInt8(abs(tenths % 10)))
    }
}
