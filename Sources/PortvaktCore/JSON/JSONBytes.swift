/// JSON written straight into a byte buffer without creating strings: the access log's encoder, the proxy's
/// problem answers and the stand-in's bodies all escape strings through `appendJSONString`.
extension Array where Element == UInt8 {
    public mutating func appendASCII(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `string` as a JSON string: `"` and `\` escaped, line feed, carriage return and tab by their short escapes,
    /// other control characters as `\u00XX`, all else verbatim UTF-8.
    public mutating func appendJSONString(_ string: String) {
        append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var cleanStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cleanStart..<index]))
                switch byte {
                case UInt8(ascii: "\n"): appendASCII("\\n")
                case UInt8(ascii: "\r"): appendASCII("\\r")
                case UInt8(ascii: "\t"): appendASCII("\\t")
                case ..<0x20:
                    appendASCII("\\u00")
                    append((byte >> 4).hexDigit)
                    append((byte & 0xF).hexDigit)
                default:
                    append(UInt8(ascii: "\\"))
                    append(byte)
                }
                cleanStart = index + 1
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cleanStart...]))
        }
        append(UInt8(ascii: "\""))
    }

    public mutating func appendJSONString(orNull string: String?) {
        if let string { appendJSONString(string) } else { appendASCII("null") }
    }

    /// Inlinable so that other modules get it specialised for their integer type: called through the
    /// generic protocol witnesses, it was a tenth of the time a month's report took to render.
    @inlinable
    public mutating func appendDecimal(_ value: some BinaryInteger) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        let start = endIndex
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        self[start...].reverse()
    }

    /// `value` rounded to at most three decimals, trailing zeros dropped: `12.4`, `0.003`, `7`.
    /// A value JSON cannot carry (NaN, infinity) is written as `0`; magnitudes are capped at 2^53.
    public mutating func appendDecimal(roundingToThousandths value: Double) {
        let limit = Double(1 << 53)
        let thousandths = value.isFinite ? Int64(Swift.min(Swift.max((value * 1000).rounded(), -limit), limit)) : 0
        if thousandths < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(thousandths.magnitude / 1000)
        var fraction = thousandths.magnitude % 1000
        guard fraction != 0 else { return }
        append(UInt8(ascii: "."))
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        appendDigits(Int(fraction), count: digits)
    }

    /// `value` zero-padded to exactly `count` digits.
    public mutating func appendDigits(_ value: Int, count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}

extension UInt8 {
    /// This nibble (0...15) as a lower-case hex digit.
    @inlinable
    public var hexDigit: UInt8 {
        self < 10 ? UInt8(ascii: "0") + self : UInt8(ascii: "a") + self - 10
    }
}

extension Collection<UInt8> {
    /// Lower-case hexadecimal, two digits a byte: digests as text, written straight into the string's storage.
    /// Inlinable, so that it is specialised for the caller's type instead of walking it through protocol
    /// witnesses (an access-log line pays it).
    @inlinable
    public var hexString: String {
        String(unsafeUninitializedCapacity: 2 * count) { text in
            var index = 0
            for byte in self {
                text[index] = (byte >> 4).hexDigit
                text[index + 1] = (byte & 0xF).hexDigit
                index += 2
            }
            return index
        }
    }
}

extension Sequence<UInt8> {
    /// `hexString` of a sequence that is no collection (a digest), gathered first since its length is not
    /// known ahead. A caller that can lend the bytes contiguously should use the collection's directly.
    @inlinable
    public var hexString: String { Array(self).hexString }
}

extension String {
    /// `value` as a JSON string literal, quotes included.
    public init(jsonQuoting value: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        bytes.appendJSONString(value)
        self = String(decoding: bytes, as: UTF8.self)
    }
}
