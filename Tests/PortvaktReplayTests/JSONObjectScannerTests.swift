import Testing

@testable import PortvaktReplay

@Suite struct JSONObjectScannerTests {
    /// Each member as (key, value kind, value text). A key is its text, or `expected <key>` for one of `names`,
    /// found in place or, when `order` has it next, taken from there; `lookups` counts those found in place.
    private func members(
        _ text: String, expecting order: [String] = [], naming names: [String] = [],
        lookups: UnsafeMutablePointer<Int>? = nil
    ) throws -> [(String, String, String)] {
        var text = text
        let order = JSONMemberOrder<String>(order.map { ($0, "expected \($0)") })
        return try text.withUTF8 { bytes in
            var found: [(String, String, String)] = []
            let lookUp = { (key: Range<Int>, _: Bool) -> String? in
                lookups?.pointee += 1
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self)
                return names.contains(text) ? "expected \(text)" : text
            }
            try JSONObjectScanner.forEachMember(in: bytes, expecting: order, lookingUp: lookUp) { key, value in
                let keyText = key!
                let valueText: String
                switch value {
                case .string(let range, _), .number(let range):
                    valueText = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                case .bool(let flag): valueText = "\(flag)"
                case .null, .nested: valueText = ""
                }
                found.append((keyText, value.kind, valueText))
            }
            return found
        }
    }

    @Test func findsEveryMemberWithItsKind() throws {
        let found = try members(
            #" { "s" : "a\"b" , "n":-0.5E+2, "z":0, "t":true, "f":false, "x":null, "o":{"k":[1,"]"]}, "a":[] } "#)
        #expect(found.map(\.0) == ["s", "n", "z", "t", "f", "x", "o", "a"])
        #expect(
            found.map(\.1) == [
                "a string", "a number", "a number", "a boolean", "a boolean", "null", "an object or array",
                "an object or array",
            ])
        #expect(found.map(\.2) == [#"a\"b"#, "-0.5E+2", "0", "true", "false", "", "", ""])
    }

    @Test func anEmptyObjectHasNoMembers() throws {
        #expect(try members("{}").isEmpty)
        #expect(try members(" {\r\n}\r").isEmpty)
    }

    @Test func tellsWhetherAStringNeedsUnescaping() throws {
        var text = #"{"plain":"abc","escaped":"a\nb"}"#
        var flags: [Bool] = []
        try text.withUTF8 { bytes in
            try JSONObjectScanner.forEachMember(in: bytes, expecting: .init([]), lookingUp: { _, _ in () }) {
                _, value in
                if case .string(_, let hasEscapes) = value { flags.append(hasEscapes) }
            }
        }
        #expect(flags == [false, true])
    }

    /// Keys and strings of every length around the scanner's eight- and sixteen-byte steps, near the end of
    /// the line and far from it, with an escape or without.
    @Test func findsKeysAndStringsOfEveryLength() throws {
        for length in 0...40 {
            let plain = String(repeating: "k", count: length)
            let escaped = plain + #"\""#
            for padding in ["", String(repeating: " ", count: 20)] {
                let found = try members(#"{"\#(plain)":"\#(plain)","\#(escaped)":"\#(escaped)"}"# + padding)
                #expect(found.map(\.0) == [plain, escaped], "length \(length)")
                #expect(found.map(\.2) == [plain, escaped], "length \(length)")
            }
        }
    }

    /// Each byte that stops a run of plain string bytes, and its neighbours that do not, at every position of
    /// strings of every length up to 40, last on the line (read in the line's overlapping last sixteen bytes)
    /// or followed by more.
    @Test func findsWhatEndsARunAtEveryPositionOfAString() throws {
        for length in 1...40 {
            for position in 0..<length {
                for padding in ["", #","after":"a string of more than sixteen bytes""#] {
                    func string(with middle: String) -> String {
                        String(repeating: "s", count: position) + middle
                            + String(repeating: "s", count: length - position - 1)
                    }
                    for plain in [" ", "\u{7F}", "\u{80}", "æ", "!"] {
                        let text = string(with: plain)
                        let found = try members(#"{"k":"\#(text)"\#(padding)}"#)
                        #expect(found.first?.2 == text, "length \(length), position \(position)")
                    }
                    let escaped = string(with: #"\n"#)
                    #expect(
                        try members(#"{"k":"\#(escaped)"\#(padding)}"#).first?.2 == escaped,
                        "length \(length), position \(position)")
                    for control in ["\u{00}", "\u{01}", "\u{1F}"] {
                        #expect(throws: JSONSyntaxError.self, "length \(length), position \(position)") {
                            try members(#"{"k":"\#(string(with: control))"\#(padding)}"#)
                        }
                    }
                }
            }
        }
    }

    /// `true`, `false` and `null` whole and exactly, at the end of the line too.
    @Test func refusesAnythingButTheThreeLiterals() throws {
        for value in ["nul", "nulL", "Null", "tru", "trUe", "fals", "falsE", "n", "t", "f", "nullx", "truefalse"] {
            #expect(throws: JSONSyntaxError.self, "\(value)") { try members(#"{"k":\#(value)}"#) }
            #expect(throws: JSONSyntaxError.self, "\(value)") { try members(#"{"k":\#(value)"#) }
        }
        #expect(try members(#"{"a":null,"b":true,"c":false}"#).map(\.1) == ["null", "a boolean", "a boolean"])
    }

    @Test func tellsWhetherAKeyNeedsUnescaping() throws {
        var text = #"{"time":1,"ti\u006de":2,"a_key_longer_than_sixteen_bytes":3}"#
        var flags: [Bool] = []
        try text.withUTF8 { bytes in
            let lookUp = { (_: Range<Int>, hasEscapes: Bool) in flags.append(hasEscapes) }
            try JSONObjectScanner.forEachMember(in: bytes, expecting: .init([]), lookingUp: lookUp) { _, _ in }
        }
        #expect(flags == [false, true, false])
    }

    @Test func refusesAControlCharacterInAKeyOrAString() {
        for text in ["{\"a\u{01}b\":1}", "{\"k\":\"a\u{1F}b\"}", "{\"a\tb\":1,\"padding to sixteen\":2}"] {
            #expect(throws: JSONSyntaxError.self) { try members(text) }
        }
    }

    /// A line with the expected keys in the expected order is read without looking any key up. A line that
    /// departs from it (blanks, escapes, another order, members missing or added, too little left on the line to
    /// compare) reads the same as without the order, from the first member that departs on looked up.
    @Test func readsTheExpectedKeysWithoutLookingThemUp() throws {
        let order = ["time", "request_id", "a_key_of_twenty_bytes", "x"]
        var lookups = 0
        let line = #"{"time":"t","request_id":null,"a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#
        let found = try members(line, expecting: order, naming: order, lookups: &lookups)
        #expect(found.map(\.0) == order.map { "expected \($0)" })
        #expect(found.map(\.2) == ["t", "", "1", ""])
        #expect(lookups == 0)

        let departures = [
            (#"{"time":"t", "request_id":null,"a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#, 3),
            (#"{"time" :"t","request_id":null,"a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#, 4),
            (#"{"ti\u006de":"t","request_id":null,"a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#, 4),
            (#"{"request_id":null,"time":"t","a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#, 3),
            (#"{"time":"t","a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#, 2),
            (#"{"time":"t","request_id":null,"extra":"e","a_key_of_twenty_bytes":1,"x":{"y":"a value"}}"#, 1),
            (#"{"time":"t","request_id":null,"a_key_of_twenty_byteZ":1,"x":{"y":"a value"}}"#, 2),
            (#"{"time":"t","request_id":null,"a_key_of_twenty_bytes":1,"x":{}}"#, 1),
        ]
        for (line, expectedLookups) in departures {
            lookups = 0
            let withOrder = try members(line, expecting: order, naming: order, lookups: &lookups)
            let without = try members(line, naming: order)
            #expect(withOrder.map(\.0) == without.map(\.0), "\(line)")
            #expect(withOrder.map(\.2) == without.map(\.2), "\(line)")
            #expect(lookups == expectedLookups, "\(line)")
        }
        #expect(throws: JSONSyntaxError.self) { try members(#"{"time":"t","request_id""#, expecting: order) }
    }
}
