import PortvaktCore
import Testing

@Suite struct PercentDecodingTests {
    private func text(_ input: Substring, _ malformed: PercentDecoding.Malformed) -> String? {
        PercentDecoding.bytes(input, malformed: malformed).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func escapesAndPlusAreDecoded() {
        #expect(text("urn%3Aaltinn%3aorg+1%C3%A6", .refuse) == "urn:altinn:org 1æ")
    }

    @Test func aMalformedEscapeIsKeptOrRefused() {
        #expect(text("100%", .keep) == "100%")
        #expect(text("%zz%4", .keep) == "%zz%4")
        #expect(text("100%", .refuse) == nil)
        #expect(text("%G1", .refuse) == nil)
    }
}
