import Testing

@testable import PortvaktReport

@Suite struct HTMLBytesTests {
    private static func written(_ append: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        append(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1000, "1\u{202F}000"), (-1234, "-1\u{202F}234"),
        (123_456, "123\u{202F}456"), (1_234_567, "1\u{202F}234\u{202F}567"),
    ])
    func groupsDigitsInThreesWithNarrowNoBreakSpaces(_ value: Int, _ text: String) {
        #expect(Self.written { $0.appendGrouped(value) } == text)
    }

    @Test(arguments: [(12.0, "12"), (12.5, "12.5"), (12.04, "12"), (12.06, "12.1"), (0.44, "0.4"), (-3.5, "-3.5")])
    func writesCoordinatesToOneDecimal(_ value: Double, _ text: String) {
        #expect(Self.written { $0.appendCoordinate(value) } == text)
    }

    @Test func escapesWhatHTMLGivesMeaningAndKeepsTheRest() {
        #expect(
            Self.written { $0.appendEscapedHTML(#"a & <b> "c" 'd' · é"#) }
                == "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39; · é")
        #expect(Self.written { $0.appendEscapedHTML("plain") } == "plain")
    }
}
