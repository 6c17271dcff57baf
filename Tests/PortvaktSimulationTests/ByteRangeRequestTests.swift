import Testing

@testable import PortvaktSimulation

@Suite struct ByteRangeRequestTests {
    @Test(arguments: [
        ("bytes=0-99", ByteRangeRequest.partial(0..<100)),
        ("bytes=100-", .partial(100..<1000)),
        ("bytes=-10", .partial(990..<1000)),
        ("bytes=-5000", .partial(0..<1000)),
        ("bytes=990-5000", .partial(990..<1000)),
        ("bytes=999-999", .partial(999..<1000)),
        ("bytes = 5-9", .whole),
        ("bytes= 5 - 9 ", .partial(5..<10)),
        ("bytes=1000-", .unsatisfiable),
        ("bytes=1000-2000", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
        ("bytes=9-5", .whole),
        ("bytes=0-1,5-6", .whole),
        ("items=0-1", .whole),
        ("bytes=abc", .whole),
        ("bytes=-", .whole),
    ])
    func interpretsAgainstLength(header: String, expected: ByteRangeRequest) {
        #expect(ByteRangeRequest(header: header, length: 1000) == expected)
    }

    @Test func absentHeaderMeansWhole() {
        #expect(ByteRangeRequest(header: nil, length: 10) == .whole)
    }

    @Test func nothingIsSatisfiableInAnEmptyRepresentation() {
        #expect(ByteRangeRequest(header: "bytes=0-", length: 0) == .unsatisfiable)
        #expect(ByteRangeRequest(header: "bytes=-1", length: 0) == .unsatisfiable)
    }
}
