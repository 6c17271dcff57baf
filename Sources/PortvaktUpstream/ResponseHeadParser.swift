/// Assembles the answer head from the lines curl's header callback hands over one by one.
///
/// curl passes every head it reads, interim `1xx` ones included, each line with its CRLF, and after the body the
/// trailer fields of a chunked answer. The parser keeps only the final head, joins obsolete folded lines to the
/// header before them, and says when the head is done. It holds the head to what a proxy may pass on (RFC 9112
/// §5, §6.3), as nginx does: a field name must be a token and a value free of control characters, and the framing
/// must be unambiguous. Whitespace between a field name and its colon is removed (§5.1 asks that of a proxy).
/// Trailer fields are read and dropped, which §7.1.2 allows when the chunked coding is taken off.
struct ResponseHeadParser: Sendable {
    enum LineResult: Equatable {
        case needMore
        case complete(status: Int)
        case malformed(Malformation)
    }

    /// Why an answer head cannot be passed on: said in the client's 502.
    enum Malformation: Equatable, CustomStringConvertible {
        case statusLine
        case endBeforeStatusLine
        case fieldName
        case fieldValue
        case foldWithoutField
        case foldedFraming
        case conflictingContentLength
        case contentLengthWithTransferEncoding
        case transferCoding
        case tooLarge

        var description: String {
            switch self {
            case .statusLine: "a malformed status line"
            case .endBeforeStatusLine: "a head without a status line"
            case .fieldName: "a header field name that is not a token"
            case .fieldValue: "a control character in a header field value"
            case .foldWithoutField: "a folded line before any header field"
            case .foldedFraming: "a folded Content-Length or Transfer-Encoding"
            case .conflictingContentLength: "conflicting or invalid Content-Length values"
            case .contentLengthWithTransferEncoding: "both Content-Length and Transfer-Encoding"
            case .transferCoding: "a transfer coding other than chunked alone"
            case .tooLarge: "a head over \(ResponseHeadParser.maximumHeadBytes / 1024) KiB"
            }
        }
    }

    private enum Phase {
        case statusLine
        case fields
        /// The final head is out; what follows is trailer fields, and their end.
        case trailers
    }

    /// The most an answer head may take, interim heads included: curl 7.88 limits each line, not the head.
    static let maximumHeadBytes = 64 * 1024

    private var phase = Phase.statusLine
    private var headBytes = 0
    private(set) var status = 0
    private(set) var headers: [(name: String, value: String)] = []
    /// The head's `Content-Length`, once one was read; further ones must agree and are not kept.
    private var contentLength: UInt64?
    private var hasTransferEncoding = false
    private var isChunked = false
    /// The last field was Content-Length or Transfer-Encoding: a fold onto it could change the framing curl read.
    private var lastFieldFrames = false

    init() {}

    /// After an interim head: a fresh parser that still counts the bytes read so far.
    private init(headBytes: Int) {
        self.headBytes = headBytes
    }

    mutating func parse(line raw: UnsafeRawBufferPointer) -> LineResult {
        var line = raw[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            line = line.dropLast()
        }
        if self.phase != .trailers {
            self.headBytes += raw.count
            guard self.headBytes <= Self.maximumHeadBytes else { return .malformed(.tooLarge) }
        }
        switch self.phase {
        case .trailers:
            return .needMore
        case .statusLine:
            guard !line.isEmpty else { return .malformed(.endBeforeStatusLine) }
            guard self.parseStatusLine(line) else { return .malformed(.statusLine) }
            // Room for a usual answer's headers at once, rather than growing the list line by line.
            self.headers.reserveCapacity(16)
            self.phase = .fields
            return .needMore
        case .fields:
            if line.isEmpty { return self.endOfHead() }
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                return self.appendContinuation(line)
            }
            return self.appendField(line)
        }
    }

    private mutating func endOfHead() -> LineResult {
        // 101 ends the exchange as far as HTTP goes; other 1xx heads are interim: wait for the final one.
        if (100...199).contains(self.status), self.status != 101 {
            self = ResponseHeadParser(headBytes: self.headBytes)
            return .needMore
        }
        if self.hasTransferEncoding {
            // curl takes off the chunked coding and nothing else, so any other coding would reach the client
            // undeclared once Transfer-Encoding (hop-by-hop) is dropped.
            guard self.isChunked else { return .malformed(.transferCoding) }
            // §6.3: both is a sign of smuggling; nginx refuses such an answer too.
            guard self.contentLength == nil else { return .malformed(.contentLengthWithTransferEncoding) }
        }
        self.phase = .trailers
        return .complete(status: self.status)
    }

    private mutating func appendContinuation(_ line: Slice<UnsafeRawBufferPointer>) -> LineResult {
        guard let last = self.headers.indices.last else { return .malformed(.foldWithoutField) }
        guard !self.lastFieldFrames else { return .malformed(.foldedFraming) }
        let continuation = Self.trimmed(line)
        guard Self.isFieldValue(continuation) else { return .malformed(.fieldValue) }
        if !continuation.isEmpty {
            self.headers[last].value += " " + String(decoding: continuation, as: UTF8.self)
        }
        return .needMore
    }

    private mutating func appendField(_ line: Slice<UnsafeRawBufferPointer>) -> LineResult {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return .malformed(.fieldName) }
        var name = line[..<colon]
        while let last = name.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            name = name.dropLast()
        }
        guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else { return .malformed(.fieldName) }
        let value = Self.trimmed(line[(colon + 1)...])
        guard Self.isFieldValue(value) else { return .malformed(.fieldValue) }
        self.lastFieldFrames = false
        if Self.equalsIgnoringCase(name, "content-length") {
            self.lastFieldFrames = true
            guard let length = Self.contentLength(value), self.contentLength ?? length == length else {
                return .malformed(.conflictingContentLength)
            }
            if self.contentLength != nil { return .needMore }
            self.contentLength = length
            // Kept as one number even when it came as a list of equal ones (`5, 5`).
            self.headers.append((String(decoding: name, as: UTF8.self), String(length)))
            return .needMore
        }
        if Self.equalsIgnoringCase(name, "transfer-encoding") {
            self.lastFieldFrames = true
            // A second Transfer-Encoding line adds codings (RFC 9110 §5.3), so chunked is no longer alone.
            self.isChunked = !self.hasTransferEncoding && Self.equalsIgnoringCase(value, "chunked")
            self.hasTransferEncoding = true
        }
        self.headers.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
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

    /// `5` or a list of equal numbers, `5, 5` (RFC 9110 §8.6); `nil` for anything else.
    private static func contentLength(_ value: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        var result: UInt64?
        for element in value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let digits = Self.trimmed(element)
            guard !digits.isEmpty, digits.count <= 18 else { return nil }
            var number: UInt64 = 0
            for digit in digits {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                number = number * 10 + UInt64(digit - UInt8(ascii: "0"))
            }
            guard result ?? number == number else { return nil }
            result = number
        }
        return result
    }

    /// RFC 9110 §5.5: visible characters, spaces, tabs and obs-text; no other control character.
    private static func isFieldValue(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        bytes.allSatisfy { byte in (byte >= 0x20 && byte != 0x7F) || byte == UInt8(ascii: "\t") }
    }

    /// RFC 9110 §5.6.2 `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// `bytes` equals the lower-case `literal`, ignoring ASCII case.
    private static func equalsIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        var expected = literal.utf8Start
        for byte in bytes {
            let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            guard lowered == expected.pointee else { return false }
            expected += 1
        }
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
