import Foundation

/// The unpadded base64url alphabet of JOSE (RFC 7515 §2), decoded strictly and straight from the UTF-8 bytes:
/// anything outside the alphabet (padding included), an impossible length, or set bits left over at the end
/// make the whole value invalid, so that every token part has exactly one spelling.
enum Base64URL {
    static func decode(_ text: some StringProtocol) -> Data? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3 / 4)
        var buffer: UInt32 = 0
        var bufferedBits = 0
        for character in text.utf8 {
            guard let value = sextet(character) else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bufferedBits += 6
            if bufferedBits >= 8 {
                bufferedBits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bufferedBits)))
                buffer &= (1 << UInt32(bufferedBits)) - 1
            }
        }
        guard bufferedBits < 6, buffer == 0 else { return nil }
        return Data(output)
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
