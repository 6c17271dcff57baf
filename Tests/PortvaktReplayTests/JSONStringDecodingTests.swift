import Testing

@testable import PortvaktReplay

@Suite struct JSONStringDecodingTests {
    private func decoded(_ inner: String) -> String {
        var text = inner
        return text.withUTF8 { JSONStringDecoding.string($0, 0..<$0.count, hasEscapes: inner.contains("\\")) }
    }

    @Test(arguments: [
        (#"plain"#, "plain"),
        (#"\"\\\/\b\f\n\r\t"#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#"\u0041\u00e6\u20AC"#, "Aæ€"),
        (#"\ud83d\ude00!"#, "😀!"),
        (#"ø\nå"#, "ø\nå"),
        (#"\ud83d lone"#, "\u{FFFD} lone"),
        (#"\ude00"#, "\u{FFFD}"),
    ])
    func resolvesEscapes(inner: String, expected: String) {
        #expect(decoded(inner) == expected)
    }
}
