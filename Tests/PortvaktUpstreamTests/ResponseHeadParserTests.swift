import Testing

@testable import PortvaktUpstream

@Suite struct ResponseHeadParserTests {
    /// Feeds the lines as curl's header callback would, and returns each line's result and the parser after them.
    private func parse(_ lines: [String]) -> ([ResponseHeadParser.LineResult], ResponseHeadParser) {
        var parser = ResponseHeadParser()
        let results = lines.map { line in Array(line.utf8).withUnsafeBytes { parser.parse(line: $0) } }
        return (results, parser)
    }

    @Test func parsesStatusAndHeadersInOrder() {
        let (results, parser) = parse([
            "HTTP/1.1 206 Partial Content\r\n", "Content-Range: bytes 0-9/100\r\n", "ETag:   \"abc\"  \r\n",
            "X-Empty:\r\n", "\r\n",
        ])
        #expect(results == [.needMore, .needMore, .needMore, .needMore, .complete(status: 206)])
        #expect(parser.headers.map(\.name) == ["Content-Range", "ETag", "X-Empty"])
        #expect(parser.headers.map(\.value) == ["bytes 0-9/100", "\"abc\"", ""])
    }

    @Test func skipsInterimHeads() {
        let (results, parser) = parse([
            "HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 201 Created\r\n", "Location: /x\r\n", "\r\n",
        ])
        #expect(results == [.needMore, .needMore, .needMore, .needMore, .complete(status: 201)])
        #expect(parser.headers.map(\.name) == ["Location"])
    }

    @Test func joinsObsoleteFoldedLines() {
        let (results, parser) = parse(["HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "   second\r\n", "\r\n"])
        #expect(results.last == .complete(status: 200))
        #expect(parser.headers.first?.value == "first second")
    }

    @Test func acceptsHTTP2StatusLinesWithoutReason() {
        let (results, _) = parse(["HTTP/2 204\r\n", "\r\n"])
        #expect(results == [.needMore, .complete(status: 204)])
    }

    @Test(arguments: ["garbage\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 99 Low\r\n", "HTTP/1.1\r\n"])
    func refusesMalformedStatusLines(_ line: String) {
        let (results, _) = parse([line])
        #expect(results == [.malformed])
    }

    @Test func refusesHeaderLinesWithoutName() {
        let (results, _) = parse(["HTTP/1.1 200 OK\r\n", ": value\r\n", "no colon\r\n"])
        #expect(results == [.needMore, .malformed, .malformed])
    }

    @Test func refusesAnEndBeforeAnyStatusLine() {
        let (results, _) = parse(["\r\n"])
        #expect(results == [.malformed])
    }
}
