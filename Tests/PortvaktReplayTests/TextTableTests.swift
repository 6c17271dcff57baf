import Testing

@testable import PortvaktReplay

@Suite struct TextTableTests {
    private func value(_ text: String, in table: TextTable<Int>) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { table.value(for: $0) }
    }

    private func insert(_ value: Int, _ text: String, in table: inout TextTable<Int>) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { table.insert(value, for: $0) }
    }

    @Test func findsEachValueByItsTextsBytes() {
        var table = TextTable<Int>(capacity: 64)
        let texts = (0..<64).map { "31\($0)" } + ["", "ø", "platform.tt02.altinn.no"]
        for (value, text) in texts.enumerated().prefix(64) { #expect(insert(value, text, in: &table)) }
        for (value, text) in texts.enumerated().prefix(64) { #expect(self.value(text, in: table) == value) }
        #expect(value("3110", in: table) == 10)
        #expect(value("3164", in: table) == nil)
        #expect(value("", in: table) == nil)
    }

    /// The slots start few and double as texts come: every text is still found after each doubling, and the
    /// table takes its whole capacity.
    @Test func findsEveryTextAcrossItsDoublings() {
        var table = TextTable<Int>(capacity: 1 << 12)
        let texts = (0..<(1 << 12)).map { "client-\($0 * 7919)" }
        for (value, text) in texts.enumerated() {
            #expect(insert(value, text, in: &table))
            if value.isMultiple(of: 97) || (value + 1).nonzeroBitCount == 1 {
                for (earlier, text) in texts.enumerated().prefix(value + 1) {
                    #expect(self.value(text, in: table) == earlier)
                }
            }
        }
        #expect(table.count == 1 << 12)
        #expect(!insert(0, "one more", in: &table))
        #expect(value("client-7", in: table) == nil)
    }

    @Test func declinesPastItsCapacityAndForTooLongATextAndHoldsNothingThen() {
        var table = TextTable<Int>(capacity: 2)
        #expect(insert(1, "a", in: &table))
        #expect(insert(2, "b", in: &table))
        #expect(!insert(3, "c", in: &table))
        #expect(value("c", in: table) == nil)
        var roomy = TextTable<Int>(capacity: 8)
        let long = String(repeating: "x", count: TextTable<Int>.longestText + 1)
        #expect(!insert(1, long, in: &roomy))
        #expect(value(long, in: roomy) == nil)
        #expect(roomy.count == 0)
    }
}
