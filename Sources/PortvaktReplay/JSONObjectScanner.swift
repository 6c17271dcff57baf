import CByteClasses

/// Walks the top-level members of one JSON object in UTF-8 bytes, without building a tree or any strings.
///
/// An access log line is a flat object, and `replay` reads a million of them, so this scanner only finds
/// where each member's key and value are and checks the syntax on the way (strings with their escapes,
/// numbers, `true`, `false`, `null`); nested objects and arrays are checked for balance and skipped.
/// Decoding a string is left to `JSONStringDecoding`, for the members the reader actually uses.
struct JSONObjectScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    /// Calls `body` with each member's key, as `order` or `lookUp` (given the bytes between its quotes, and
    /// whether they hold escapes) says what it stands for, and its value, in order. Throws when `bytes` is not
    /// exactly one JSON object, surrounded by blanks at most.
    @inline(__always)  // into the reader, whose switch over the fields is `body`
    static func forEachMember<Key: Sendable>(
        in bytes: UnsafeBufferPointer<UInt8>,
        expecting order: JSONMemberOrder<Key>,
        lookingUp lookUp: (_ key: Range<Int>, _ hasEscapes: Bool) -> Key?,
        _ body: (_ key: Key?, _ value: JSONValueBytes) throws -> Void
    ) throws {
        var scanner = JSONObjectScanner(bytes: bytes)
        scanner.skipBlanks()
        try scanner.expect(UInt8(ascii: "{"), "expected '{'")
        scanner.skipBlanks()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.position += 1
        } else {
            var expected = 0
            while true {
                let key: Key?
                // From the first member that is not the one expected on, each key is found and looked up.
                if case .some(let known) = scanner.skip(order, at: expected) {
                    key = known
                    expected &+= 1
                } else {
                    scanner.skipBlanks()
                    guard scanner.peek == UInt8(ascii: "\"") else { throw scanner.error("expected a key in quotes") }
                    let (range, hasEscapes) = try scanner.quoted()
                    scanner.skipBlanks()
                    try scanner.expect(UInt8(ascii: ":"), "expected ':' after a key")
                    key = lookUp(range, hasEscapes)
                }
                scanner.skipBlanks()
                try body(key, try scanner.value())
                scanner.skipBlanks()
                if scanner.peek == UInt8(ascii: ",") {
                    scanner.position += 1
                    continue
                }
                try scanner.expect(UInt8(ascii: "}"), "expected ',' or '}'")
                break
            }
        }
        scanner.skipBlanks()
        guard scanner.position == bytes.count else { throw scanner.error("unexpected text after the object") }
    }

    /// Steps over the opening `order` expects as its member `index` when the bytes at `position` begin with
    /// it, and says what its key stands for; nil otherwise. Fewer than the opening's `span` left on the line are
    /// never compared: the member is then read the long way. Read through buffer pointers and with unchecked
    /// arithmetic, as every line passes here once a member: the bounds hold by the guards.
    @inline(__always)
    private mutating func skip<Key: Sendable>(_ order: JSONMemberOrder<Key>, at index: Int) -> Key?? {
        order.openings.withUnsafeBufferPointer { openings in
            guard index < openings.count else { return nil }
            let opening = openings[index]
            guard position &+ opening.span <= bytes.count,
                opening.begins(UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + position))
            else { return nil }
            position &+= opening.count
            return .some(opening.key)
        }
    }

    /// The byte at `position`, or 0 past the end: a zero byte never stands where the scanner expects one (outside
    /// a string it is no JSON; inside one it is a control character), so it can mean "none" without an optional.
    @inline(__always)
    private var peek: UInt8 { position < bytes.count ? bytes[position] : 0 }

    private func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, column: position + 1)
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws {
        guard peek == byte else { throw error(reason) }
        position += 1
    }

    /// Blanks as JSON has them; `\r` included, so a CRLF log reads too.
    private mutating func skipBlanks() {
        while position < bytes.count {
            let byte = bytes[position]
            guard
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                    || byte == UInt8(ascii: "\n")
            else { return }
            position += 1
        }
    }

    @inline(__always)
    private mutating func value() throws -> JSONValueBytes {
        switch peek {
        case UInt8(ascii: "\""):
            let (range, hasEscapes) = try quoted()
            return .string(range, hasEscapes: hasEscapes)
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipNested()
            return .nested
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            let end = portvakt_json_number_end(bytes.baseAddress.unsafelyUnwrapped, bytes.count, start)
            guard end >= 0 else {
                position = -1 - end
                throw error("a malformed number")
            }
            position = end
            return .number(start..<end)
        default:
            throw error("expected a value")
        }
    }

    /// A string starting at the opening quote; returns the range between the quotes. For one `quoted()` did not
    /// settle in its plain scan (escapes, a control character, the line's last sixteen bytes), and inside nesting.
    /// Never inlined: in the member loop it grew the loop past where the reader's switch over the fields
    /// (`body`) was inlined.
    @inline(never)
    private mutating func string() throws -> (Range<Int>, hasEscapes: Bool) {
        position += 1
        let start = position
        var hasEscapes = false
        while true {
            skipPlainStringBytes()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return (start..<position - 1, hasEscapes)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                try escape()
            case ..<0x20:
                throw error("a control character inside a string")
            default:
                position += 1
            }
        }
        throw error("a string without its closing quote")
    }

    /// A key or a string value starting at its opening quote. A plain one that ends well before the line does
    /// (every key and most values the proxy writes) is found by the inline C scan, no frame and no call; any
    /// other is read the full way by `string()`.
    @inline(__always)
    private mutating func quoted() throws -> (Range<Int>, hasEscapes: Bool) {
        let start = position &+ 1
        let end = portvakt_json_plain_string_end(bytes.baseAddress.unsafelyUnwrapped, bytes.count, start)
        guard end >= 0 else { return try string() }
        position = end &+ 1
        return (start..<end, false)
    }

    /// Skips to the next byte special in a string (a quote, a backslash or a control character), sixteen at a
    /// time, or to the end. Fewer than sixteen left are read as the line's last sixteen, those already passed
    /// shifted out, so only a line shorter than sixteen bytes is left to the caller byte by byte.
    @inline(__always)
    private mutating func skipPlainStringBytes() {
        guard bytes.count >= 16, position < bytes.count else { return }
        let base = bytes.baseAddress!
        while position + 16 <= bytes.count {
            let stops = portvakt_json_string_stops16(base + position)
            if stops != 0 {
                position += stops.trailingZeroBitCount
                return
            }
            position += 16
        }
        guard position < bytes.count else { return }
        let passed = position - (bytes.count - 16)
        let stops = portvakt_json_string_stops16(base + bytes.count - 16) >> UInt32(passed)
        position = stops != 0 ? position + stops.trailingZeroBitCount : bytes.count
    }

    /// One escape sequence starting at the backslash: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX`.
    private mutating func escape() throws {
        position += 1
        switch peek {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            for _ in 0..<4 {
                guard peek.hexValue != nil else { throw error("an invalid \\u escape") }
                position += 1
            }
        default:
            throw error("an invalid escape")
        }
    }

    /// `true`, `false` or `null`, as two words of four bytes (overlapping for `false`): a generic
    /// `elementsEqual` on the slices cost over a hundred instructions for four bytes, on every line.
    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position &+ count <= bytes.count else { throw error("expected a value") }
        let found = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + position)
        let wanted = UnsafeRawPointer(word.utf8Start)
        guard found.loadUnaligned(as: UInt32.self) == wanted.loadUnaligned(as: UInt32.self),
            found.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
                == wanted.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        else { throw error("expected a value") }
        position &+= count
    }

    /// An object or array, skipped after checking that its brackets balance outside strings and its strings
    /// are well formed. The values inside are not checked further: nothing in them is read.
    private mutating func skipNested() throws {
        var closers: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"):
                closers.append(UInt8(ascii: "}"))
                position += 1
            case UInt8(ascii: "["):
                closers.append(UInt8(ascii: "]"))
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard closers.popLast() == byte else { throw error("mismatched brackets") }
                position += 1
                if closers.isEmpty { return }
            case UInt8(ascii: "\""):
                _ = try string()
            default:
                position += 1
            }
        }
        throw error("an object or array without its end")
    }
}

extension UInt8 {
    /// The value of a hex digit (either case), or nil.
    var hexValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
