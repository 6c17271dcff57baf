import Testing

@testable import PortvaktSimulation

@Suite struct JSONTextTests {
    @Test func escapesWhatJSONRequires() {
        #expect(JSONText.quoted("a\"b\\c\nd\u{01}æ") == "\"a\\\"b\\\\c\\nd\\u0001æ\"")
        #expect(JSONText.array(["x", "y"]) == "[\"x\",\"y\"]")
        #expect(JSONText.array([]) == "[]")
    }
}
