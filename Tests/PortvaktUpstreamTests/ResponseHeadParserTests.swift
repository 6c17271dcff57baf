import Testing

@testable import PortvaktUpstream

@Suite struct ResponseHeadParserTests {
    private func feed(_ parser: inout ResponseHeadParser, _ line: String) -> ResponseHeadParser.LineResult {
        Array(line.utf8).withUnsafeBytes { parser.parse(line: $0) }
    }

    @Test func parsesStatusAndHeadersInOrder() {
        var parser = ResponseHeadParser()
        do { let outcome = feed(&parser, "HTTP/1.1 206 Partial Content\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "Content-Range: bytes 0-9/100\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "ETag:   \"abc\"  \r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "X-Empty:\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "\r\n"); #expect(outcome == .complete(status: 206)) }
        #expect(parser.headers.map(\.name) == ["Content-Range", "ETag", "X-Empty"])
        #expect(parser.headers.map(\.value) == ["bytes 0-9/100", "\"abc\"", ""])
    }

    @Test func skipsInterimHeads() {
        var parser = ResponseHeadParser()
        do { let outcome = feed(&parser, "HTTP/1.1 100 Continue\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "HTTP/1.1 201 Created\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "Location: /x\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "\r\n"); #expect(outcome == .complete(status: 201)) }
        #expect(parser.headers.count == 1)
    }

    @Test func joinsObsoleteFoldedLines() {
        var parser = ResponseHeadParser()
        _ = feed(&parser, "HTTP/1.1 200 OK\r\n")
        _ = feed(&parser, "X-Long: first\r\n")
        _ = feed(&parser, "   second\r\n")
        do { let outcome = feed(&parser, "\r\n"); #expect(outcome == .complete(status: 200)) }
        #expect(parser.headers.first?.value == "first second")
    }

    @Test func acceptsHTTP2StatusLinesWithoutReason() {
        var parser = ResponseHeadParser()
        do { let outcome = feed(&parser, "HTTP/2 204\r\n"); #expect(outcome == .needMore) }
        do { let outcome = feed(&parser, "\r\n"); #expect(outcome == .complete(status: 204)) }
    }

    @Test(arguments: ["garbage\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 99 Low\r\n", "HTTP/1.1\r\n"])
    func refusesMalformedStatusLines(_ line: String) {
        var parser = ResponseHeadParser()
        do { let outcome = feed(&parser, line); #expect(outcome == .malformed) }
    }

    @Test func refusesHeaderLinesWithoutName() {
        var parser = ResponseHeadParser()
        _ = feed(&parser, "HTTP/1.1 200 OK\r\n")
        do { let outcome = feed(&parser, ": value\r\n"); #expect(outcome == .malformed) }
        do { let outcome = feed(&parser, "no colon\r\n"); #expect(outcome == .malformed) }
    }
}
