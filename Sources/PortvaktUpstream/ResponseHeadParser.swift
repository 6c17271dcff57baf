/// Assembles the answer head from the lines curl's header callback hands over one by one.
///
/// curl passes every head it reads, interim `1xx` ones included, each line with its CRLF. The parser keeps
/// only the final head, joins obsolete folded lines to the header before them, and says when the head is done.
struct ResponseHeadParser: Sendable {
    enum LineResult: Equatable {
        case needMore
        case complete(status: Int)
        case malformed
    }

    private(set) var status = 0
    private(set) var headers: [(name: String, value: String)] = []

    mutating func reset() {
        self.status = 0
        self.headers.removeAll(keepingCapacity: true)
    }

    mutating func parse(line raw: UnsafeRawBufferPointer) -> LineResult {
        var line = raw[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            line = line.dropLast()
        }
        if line.isEmpty {
            guard self.status != 0 else { return .malformed }
            // 101 ends the exchange as far as HTTP goes; other 1xx heads are interim: wait for the final one.
            if (100...199).contains(self.status), self.status != 101 {
                self.reset()
                return .needMore
            }
            return .complete(status: self.status)
        }
        if self.status == 0 {
            // Room for a usual answer's headers at once, rather than growing the list line by line.
            self.headers.reserveCapacity(16)
            return self.parseStatusLine(line) ? .needMore : .malformed
        }
        if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
            guard !self.headers.isEmpty else { return .malformed }
            let continuation = Self.trimmed(line)
            if !continuation.isEmpty {
                self.headers[self.headers.count - 1].value += " " + String(decoding: continuation, as: UTF8.self)
            }
            return .needMore
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return .malformed }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        self.headers.append((name, value))
        return .needMore
    }

    /// `HTTP/1.1 200 OK`, `HTTP/2 200`: the three digits after the first space.
    private mutating func parseStatusLine(_ line: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard line.starts(with: "HTTP/".utf8), let space = line.firstIndex(of: UInt8(ascii: " ")) else { return false }
        let digits = line[(space + 1)...].prefix(3)
        guard digits.count == 3 else { return false }
        var status = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return false }
            status = status * 10 + Int(digit - UInt8(ascii: "0"))
        }
        guard status >= 100 else { return false }
        self.status = status
        return true
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var bytes = bytes
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            bytes = bytes.dropFirst()
        }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            bytes = bytes.dropLast()
        }
        return bytes
    }
}
