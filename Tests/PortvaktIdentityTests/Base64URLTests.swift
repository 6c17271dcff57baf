import Foundation
import Testing

@testable import PortvaktIdentity

@Suite struct Base64URLTests {
    @Test func decodesTheURLAlphabetWithoutPadding() {
        #expect(Base64URL.decode("-_8") == Data([0xFB, 0xFF]))
        #expect(Base64URL.decode("e30") == Data("{}".utf8))
        #expect(Base64URL.decode("") == Data())
    }

    @Test func decodesEveryLengthOfTheStandardTestVectors() {
        let vectors = [
            "": "", "Zg": "f", "Zm8": "fo", "Zm9v": "foo", "Zm9vYg": "foob", "Zm9vYmE": "fooba", "Zm9vYmFy": "foobar",
        ]
        for (encoded, decoded) in vectors {
            #expect(Base64URL.decode(encoded) == Data(decoded.utf8))
        }
    }

    @Test(arguments: ["e30=", "+/8", "e3 0", "e", "ZZZZZ", "é30", "Zh", "Zm9"])
    func refusesPaddingTheStandardAlphabetImpossibleLengthsAndLeftoverBits(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
