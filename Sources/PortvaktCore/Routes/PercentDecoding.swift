/// `%XX` escapes and `+` (a space) in a query's names and values, decoded to bytes.
public enum PercentDecoding {
    /// What to do with a `%` that is not followed by two hex digits.
    public enum Malformed: Sendable {
        /// Keep it as written (a lenient reader, such as the stand-in Altinn).
        case keep
        /// Give up: the text is not a query value (an admin request's parameters).
        case refuse
    }

    /// The decoded bytes; nil only for a malformed escape under `.refuse`.
    public static func bytes(_ text: Substring, malformed: Malformed) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                    bytes.append(high << 4 | low)
                    index += 3
                    continue
                }
                if malformed == .refuse { return nil }
            }
            bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
