import Testing

@testable import PortvaktConfig

@Suite struct ASCIIDigitsTests {
    @Test func readsDigitsOnly() {
        #expect(asciiDigits("0".utf8) == 0)
        #expect(asciiDigits("9223372036854775807".utf8) == Int64.max)
        #expect(asciiDigits("9223372036854775808".utf8) == nil)
        #expect(asciiDigits("".utf8) == nil)
        #expect(asciiDigits("+1".utf8) == nil)
        #expect(asciiDigits("1 ".utf8) == nil)
        #expect(asciiDigits("١".utf8) == nil)
    }

    @Test func multipliesWithoutTrapping() {
        #expect(multiplied(3, by: 4) == 12)
        #expect(multiplied(Int64.max, by: 2) == nil)
    }
}
