import Testing

@testable import PortvaktReplay

@Suite struct LogFieldTests {
    private func field(_ key: String, escaped: Bool = false) -> LogField? {
        let bytes = Array(key.utf8)
        return bytes.withUnsafeBufferPointer { LogField(key: $0, 0..<$0.count, hasEscapes: escaped) }
    }

    @Test(arguments: LogField.allCases)
    func everyFieldIsFoundByItsKey(field wanted: LogField) {
        #expect(field(wanted.name) == wanted)
    }

    @Test func otherKeysAreNoField() {
        for key in ["", "tim", "times", "type", "supplies", "Supplier", "client-id", "bytes_in", "request_id", "rule"] {
            #expect(field(key) == nil, "\(key)")
        }
    }

    @Test func anEscapedKeyIsDecodedFirst() {
        #expect(field(#"\u0074ime"#, escaped: true) == .time)
        #expect(field(#"pa\/th"#, escaped: true) == nil)
    }
}
