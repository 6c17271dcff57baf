import Foundation
import Testing

@testable import PortvaktIdentity

@Suite struct Base64URLTests {
    @Test func decodesTheURLAlphabetWithoutPadding() {
        #expect(Base64URL.decode("-_8") == Data([0xFB, 0xFF]))
        #expect(Base64URL.decode("e30") == Data("{}".utf8))
        #expect(Base64URL.decode("") == Data())
    }

    @Test(arguments: ["e30=", "+/8", "e3 0", "e", "ZZZZZ", "é30"])
    func refusesPaddingTheStandardAlphabetAndImpossibleLengths(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
