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
        #expect(results == [.malformed(.statusLine)])
    }

    @Test func refusesHeaderLinesWithoutName() {
        #expect(parse(["HTTP/1.1 200 OK\r\n", ": value\r\n"]).0.last == .malformed(.fieldName))
        #expect(parse(["HTTP/1.1 200 OK\r\n", "no colon\r\n"]).0.last == .malformed(.fieldName))
    }

    @Test func refusesAnEndBeforeAnyStatusLine() {
        let (results, _) = parse(["\r\n"])
        #expect(results == [.malformed(.endBeforeStatusLine)])
    }

    /// A name must be a token: a space inside it, or a byte outside `tchar`, is no header a client could read
    /// the same way as the proxy.
    @Test(arguments: ["X Bad: 1\r\n", "X-Bad\u{1}: 1\r\n", "X-Bäd: 1\r\n", "(X): 1\r\n"])
    func refusesFieldNamesThatAreNoTokens(_ line: String) {
        #expect(parse(["HTTP/1.1 200 OK\r\n", line]).0.last == .malformed(.fieldName))
    }

    /// RFC 9112 §5.1: a proxy removes whitespace between a name and its colon before passing the answer on.
    @Test func dropsWhitespaceBeforeTheColon() {
        let (results, parser) = parse(["HTTP/1.1 200 OK\r\n", "X-Spaced \t: 1\r\n", "\r\n"])
        #expect(results.last == .complete(status: 200))
        #expect(parser.headers.map(\.name) == ["X-Spaced"])
    }

    /// A carriage return or NUL inside a value could split the answer for the client; tabs and obs-text are fine.
    @Test func refusesControlCharactersInValues() {
        #expect(parse(["HTTP/1.1 200 OK\r\n", "X-Evil: a\rInjected: yes\r\n"]).0.last == .malformed(.fieldValue))
        #expect(parse(["HTTP/1.1 200 OK\r\n", "X-Nul: a\u{0}b\r\n"]).0.last == .malformed(.fieldValue))
        #expect(parse(["HTTP/1.1 200 OK\r\n", "X-Del: a\u{7F}\r\n"]).0.last == .malformed(.fieldValue))
        #expect(parse(["HTTP/1.1 200 OK\r\n", "X-A: 1\r\n", " b\u{1B}\r\n"]).0.last == .malformed(.fieldValue))
        let (results, parser) = parse(["HTTP/1.1 200 OK\r\n", "X-Fine: a\tb æ\r\n", "\r\n"])
        #expect(results.last == .complete(status: 200))
        #expect(parser.headers.first?.value == "a\tb æ")
    }

    @Test func refusesAFoldBeforeAnyField() {
        #expect(parse(["HTTP/1.1 200 OK\r\n", " folded\r\n"]).0.last == .malformed(.foldWithoutField))
    }

    /// curl reads the framing from the first line alone: a fold onto it could make the client read another.
    @Test func refusesFoldsOntoFramingFields() {
        for field in ["Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n"] {
            #expect(parse(["HTTP/1.1 200 OK\r\n", field, " , gzip\r\n"]).0.last == .malformed(.foldedFraming))
        }
        let (results, _) = parse(["HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "X-A: 1\r\n", " 2\r\n", "\r\n"])
        #expect(results.last == .complete(status: 200))
    }

    /// RFC 9110 §8.6: equal values, on one line or several, are one length and go on as one field; values that
    /// differ, or are no number, leave the body's end in doubt.
    @Test func keepsOneContentLengthWhenTheyAgree() {
        let (results, parser) = parse([
            "HTTP/1.1 200 OK\r\n", "Content-Length: 5, 5\r\n", "X-A: 1\r\n", "content-length: 5\r\n", "\r\n",
        ])
        #expect(results.last == .complete(status: 200))
        #expect(parser.headers.map(\.name) == ["Content-Length", "X-A"])
        #expect(parser.headers.first?.value == "5")
    }

    @Test(arguments: [
        ["Content-Length: 2\r\n", "Content-Length: 3\r\n"], ["Content-Length: 2, 3\r\n"], ["Content-Length: -1\r\n"],
        ["Content-Length: \r\n"], ["Content-Length: 1e3\r\n"], ["Content-Length: 2,\r\n"],
        ["Content-Length: 9999999999999999999\r\n"],
    ])
    func refusesContentLengthsInDoubt(_ lines: [String]) {
        #expect(parse(["HTTP/1.1 200 OK\r\n"] + lines).0.last == .malformed(.conflictingContentLength))
    }

    /// RFC 9112 §6.3: a length beside a transfer coding is a sign of smuggling; nginx refuses it too.
    @Test func refusesContentLengthBesideTransferEncoding() {
        let lines = ["HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n", "\r\n"]
        #expect(parse(lines).0.last == .malformed(.contentLengthWithTransferEncoding))
    }

    /// curl takes off the chunked coding only: any other would reach the client with nothing saying so.
    @Test(arguments: [
        ["Transfer-Encoding: gzip, chunked\r\n"], ["Transfer-Encoding: gzip\r\n"],
        ["Transfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked\r\n"],
    ])
    func refusesTransferCodingsOtherThanChunkedAlone(_ lines: [String]) {
        #expect(parse(["HTTP/1.1 200 OK\r\n"] + lines + ["\r\n"]).0.last == .malformed(.transferCoding))
    }

    @Test func acceptsChunkedInAnyCase() {
        let (results, parser) = parse(["HTTP/1.1 200 OK\r\n", "transfer-encoding:  Chunked \r\n", "\r\n"])
        #expect(results.last == .complete(status: 200))
        #expect(parser.headers.first?.value == "Chunked")
    }

    /// curl hands over a chunked answer's trailer fields after the body: read and dropped, never an error.
    @Test func ignoresTrailerFieldsAfterTheHead() {
        let (results, head) = parse(["HTTP/1.1 200 OK\r\n", "Transfer-Encoding: chunked\r\n", "\r\n"])
        #expect(results.last == .complete(status: 200))
        var parser = head
        for line in ["X-Checksum: abc\r\n", "not even a field\r\n", "\r\n"] {
            #expect(Array(line.utf8).withUnsafeBytes { parser.parse(line: $0) } == .needMore)
        }
        #expect(parser.headers.map(\.name) == ["Transfer-Encoding"])
    }

    /// An interim head's fields and framing do not carry over into the final head.
    @Test func startsAfreshAfterAnInterimHead() {
        let (results, parser) = parse([
            "HTTP/1.1 103 Early Hints\r\n", "Content-Length: 7\r\n", "Link: </a.css>\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "Transfer-Encoding: chunked\r\n", "\r\n",
        ])
        #expect(results.last == .complete(status: 200))
        #expect(parser.headers.map(\.name) == ["Transfer-Encoding"])
    }

    @Test func refusesHeadsOverTheLimit() {
        let field = "X-Filler: " + String(repeating: "a", count: 1000) + "\r\n"
        let lines = ["HTTP/1.1 200 OK\r\n"] + Array(repeating: field, count: 70)
        let (results, _) = parse(lines)
        #expect(results.contains(.malformed(.tooLarge)))
        #expect(
            !parse(["HTTP/1.1 200 OK\r\n"] + Array(repeating: field, count: 60) + ["\r\n"]).0.contains {
                if case .malformed = $0 { true } else { false }
            })
    }
}
