/// Reading a request target as raw bytes, without creating strings: the route lookup runs on every request.
extension UnsafeBufferPointer<UInt8> {
    /// The path part of a request target: everything before the first `?`.
    var pathEndIndex: Int {
        firstIndex(of: UInt8(ascii: "?"), from: 0, to: count) ?? count
    }

    /// The first index of `byte` in `start..<end`, eight bytes at a time: in a word XORed with `byte` in
    /// every lane, the lowest zero lane is where the byte is (the classic zero-byte test, whose false hits
    /// can only lie above a true one).
    func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        let lanes: UInt64 = 0x0101_0101_0101_0101
        let pattern = lanes &* UInt64(byte)
        var index = start
        while index + 8 <= end {
            let word = UnsafeRawBufferPointer(self).loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            let zeroLanes = (word &- lanes) & ~word & (lanes &* 0x80)
            if zeroLanes != 0 { return index + zeroLanes.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end {
            if self[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The next non-empty `/`-separated segment at or after `index`, ending before `end`.
    /// Empty segments are skipped, so `/a//b/` reads as `a`, `b`.
    func pathSegment(from index: Int, end: Int) -> Range<Int>? {
        var start = index
        while start < end, self[start] == UInt8(ascii: "/") { start += 1 }
        guard start < end else { return nil }
        var stop = start + 1
        while stop < end, self[stop] != UInt8(ascii: "/") { stop += 1 }
        return start..<stop
    }

    /// Whether the bytes in `range` equal `lowercaseLiteral`, ignoring ASCII case.
    func matches(_ lowercaseLiteral: [UInt8], in range: Range<Int>) -> Bool {
        guard range.count == lowercaseLiteral.count else { return false }
        var literalIndex = 0
        for index in range {
            guard self[index].asciiLowercased == lowercaseLiteral[literalIndex] else { return false }
            literalIndex += 1
        }
        return true
    }
}

extension UInt8 {
    var asciiLowercased: UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) ? self | 0x20 : self
    }

    /// Letters, digits and `-`: what may stand in a DNS label, and so in an app owner's name.
    var isDNSLabelCharacter: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}

extension String {
    /// Runs `body` on the string's UTF-8 bytes in place; only a bridged string is copied first.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = self
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable(body)!
    }
}
