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
}
