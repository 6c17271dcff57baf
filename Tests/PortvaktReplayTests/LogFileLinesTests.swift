import Foundation
import Testing

@testable import PortvaktReplay

@Suite struct LogFileLinesTests {
    private func lines(of text: String, chunkSize: Int) throws -> [String] {
        let path = try ReplayFixture.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines: [String] = []
        try LogFileLines.forEach(inFile: path, chunkSize: chunkSize) { number, line in
            #expect(number == lines.count + 1)
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 22])
    func everyLineWhateverTheChunkSize(chunkSize: Int) throws {
        let text = "first\n\nthird line, longer than small chunks\nlast without newline"
        #expect(
            try lines(of: text, chunkSize: chunkSize)
                == ["first", "", "third line, longer than small chunks", "last without newline"])
    }

    @Test func aFinalNewlineMakesNoExtraLine() throws {
        #expect(try lines(of: "a\nb\n", chunkSize: 4) == ["a", "b"])
        #expect(try lines(of: "", chunkSize: 4) == [])
    }

    @Test func anErrorFromTheBodyStopsTheReading() throws {
        struct Stop: Error {}
        let path = try ReplayFixture.temporaryFile("a\nb\nc\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        #expect(throws: Stop.self) {
            try LogFileLines.forEach(inFile: path) { number, _ in
                seen = number
                if number == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    /// `text` compressed by `gzip -c` (once per part: several parts make a file of several members, as `cat` of
    /// two `.gz` files does), in a temporary file the caller removes.
    private func gzipFile(_ parts: [String]) throws -> String {
        let path = try ReplayFixture.temporaryFile("")
        for part in parts {
            let plain = try ReplayFixture.temporaryFile(part)
            defer { try? FileManager.default.removeItem(atPath: plain) }
            try ReplayFixture.appendGzipOutput(["-c", plain], to: path)
        }
        return path
    }

    private func lines(ofFile path: String, chunkSize: Int = 1 << 22) throws -> [String] {
        var lines: [String] = []
        try LogFileLines.forEach(inFile: path, chunkSize: chunkSize) { number, line in
            #expect(number == lines.count + 1)
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines
    }

    /// A compressed log (logrotate's `.gz`) is read as the log it holds, by its magic number, whatever its name.
    @Test(arguments: [1, 7, 64, 1 << 22])
    func aGzipFileIsReadInflated(chunkSize: Int) throws {
        let text = (1...2_000).map { "line \($0) " + String(repeating: "x", count: $0 % 97) }.joined(separator: "\n")
        let path = try gzipFile([text])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try lines(ofFile: path, chunkSize: chunkSize) == text.components(separatedBy: "\n"))
    }

    @Test func everyMemberOfAGzipFileIsRead() throws {
        let path = try gzipFile(["a\nb\n", "c\n", "d"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try lines(ofFile: path) == ["a", "b", "c", "d"])
    }

    /// Cut short or followed by something that is not gzip: an error naming the file, never a silent end.
    @Test func brokenGzipDataIsAnError() throws {
        let path = try gzipFile([String(repeating: "a line of the log\n", count: 5_000)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for broken in [whole.prefix(whole.count / 2), whole + Data("garbage".utf8)] {
            try broken.write(to: URL(fileURLWithPath: path))
            #expect {
                try lines(ofFile: path)
            } throws: { error in
                guard case ReplayError.cannotRead(let named, _) = error else { return false }
                return named == path
            }
        }
    }

    /// A plain log that merely starts with gzip's first byte is still a plain log.
    @Test func onlyTheWholeMagicNumberMeansGzip() throws {
        #expect(try lines(of: "\u{1F}x\ny", chunkSize: 4) == ["\u{1F}x", "y"])
        #expect(try lines(of: "\u{1F}", chunkSize: 4) == ["\u{1F}"])
    }
}
