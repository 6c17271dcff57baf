import Testing

@testable import PortvaktServer

@Suite struct AdminQueryTests {
    @Test func valuesArePercentDecodedAndPlusIsASpace() {
        let query = AdminQuery("since=2026-11-24T06%3A00%3A00Z&format=csv&supplier=312345676&note=a+b&flag")
        #expect(query["since"] == "2026-11-24T06:00:00Z")
        #expect(query["format"] == "csv")
        #expect(query["supplier"] == "312345676")
        #expect(query["note"] == "a b")
        #expect(query["flag"] == "")
        #expect(query["missing"] == nil)
    }

    @Test func aBadEscapeOrBytesThatAreNotUTF8LeaveTheValueOut() {
        let query = AdminQuery("since=%2&format=%FF&supplier=%G1")
        #expect(query["since"] == nil)
        #expect(query["format"] == nil)
        #expect(query["supplier"] == nil)
    }
}
