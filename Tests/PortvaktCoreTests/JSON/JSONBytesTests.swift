import Testing

@testable import PortvaktCore

@Suite struct JSONBytesTests {
    private func json(_ write: (inout [UInt8]) -> Void) -> String {
        var buffer: [UInt8] = []
        write(&buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"C:\path"#, #""C:\\path""#),
        ("line\nbreak\ttab\r\u{0}\u{1F}", #""line\nbreak\ttab\r\u0000\u001f""#),
        ("Dialog «æøå» 🚀 \u{2028}", "\"Dialog «æøå» 🚀 \u{2028}\""),
        ("", #""""#),
        ("/\u{7F}", "\"/\u{7F}\""),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(json { $0.appendJSONString(input) } == expected)
    }

    @Test(arguments: [
        (Int64(0), "0"), (7, "7"), (-42, "-42"), (2_147_483_648_000, "2147483648000"),
        (.max, "9223372036854775807"), (.min, "-9223372036854775808"),
    ])
    func writesIntegers(value: Int64, expected: String) {
        #expect(json { $0.appendDecimal(value) } == expected)
    }

    @Test(arguments: [
        (12.4, "12.4"), (0, "0"), (7, "7"), (0.003, "0.003"), (0.0004, "0"), (0.0005, "0.001"),
        (1.23456, "1.235"), (99.9999, "100"), (10.05, "10.05"), (-0.5, "-0.5"), (-0.0, "0"),
        (.nan, "0"), (.infinity, "0"), (1e300, "9007199254740.992"),
    ])
    func writesDurationsWithAtMostThreeDecimals(value: Double, expected: String) {
        #expect(json { $0.appendDecimal(roundingToThousandths: value) } == expected)
    }
}

@Suite struct JSONQuotingTests {
    @Test func quotesAndEscapesLikeTheByteWriter() {
        #expect(String(jsonQuoting: "plain") == "\"plain\"")
        #expect(String(jsonQuoting: "a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
        #expect(String(jsonQuoting: "blåbær ✓") == "\"blåbær ✓\"")
    }

    /// Every nibble's digit in place; a sequence that is no collection reads the same as its bytes.
    @Test func hexStringWritesTwoLowerCaseDigitsAByte() {
        let bytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0F, 0x10, 0x9F, 0xA0, 0xFF]
        #expect(bytes.hexString == "00090a0f109fa0ff")
        #expect([UInt8]().hexString == "")
        #expect(AnySequence(bytes).hexString == "00090a0f109fa0ff")
        #expect(bytes.withUnsafeBytes(\.hexString) == "00090a0f109fa0ff")
    }
}
