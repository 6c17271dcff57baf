/// Reading a request target as raw bytes, without creating strings: the route lookup runs on every request.
extension UnsafeBufferPointer<UInt8> {
    /// The path part of a request target: everything before the first `?`.
    var pathEndIndex: Int {
        firstIndex(of: UInt8(ascii: "?"), from: 0, to: count) ?? count
    }

    /// The first index of `byte` in `start..<end`, sixteen bytes at a time: in a word XORed with `byte` in
    /// every lane, the lowest zero lane is where the byte is (the classic zero-byte test, whose false hits
    /// can only lie above a true one). The last few bytes are read as the buffer's last word, the lanes
    /// already searched shifted out, so no byte is ever read one at a time unless the buffer is that short.
    func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        let lanes: UInt64 = 0x0101_0101_0101_0101
        let pattern = lanes &* UInt64(byte)
        let raw = UnsafeRawBufferPointer(self)
        func zeroLanes(_ word: UInt64) -> UInt64 {
            let word = word ^ pattern
            return (word &- lanes) & ~word & (lanes &* 0x80)
        }
        var index = start
        while index &+ 16 <= end {
            let low = zeroLanes(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let high = zeroLanes(raw.loadUnaligned(fromByteOffset: index &+ 8, as: UInt64.self))
            if low | high != 0 {
                return index &+ (low != 0 ? low.trailingZeroBitCount : 64 &+ high.trailingZeroBitCount) &>> 3
            }
            index &+= 16
        }
        if index &+ 8 <= end {
            let lanes = zeroLanes(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if lanes != 0 { return index &+ lanes.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        let rest = end &- index
        guard rest > 0 else { return nil }
        if end >= 8 {
            // The word ending at `end`, shifted down so its first lane is `index`; the vacated top lanes are
            // masked off (their zero bytes could only match a zero `byte`, and only above a true hit).
            let word = raw.loadUnaligned(fromByteOffset: end &- 8, as: UInt64.self) &>> UInt64(64 &- 8 &* rest)
            let found = zeroLanes(word) & (UInt64.max &>> UInt64(64 &- 8 &* rest))
            return found != 0 ? index &+ found.trailingZeroBitCount &>> 3 : nil
        }
        while index < end {
            if self[index] == byte { return index }
            index &+= 1
        }
        return nil
    }

    /// The next non-empty `/`-separated segment at or after `index`, ending before `end`.
    /// Empty segments are skipped, so `/a//b/` reads as `a`, `b`.
    func pathSegment(from index: Int, end: Int) -> Range<Int>? {
        var start = index
        while start < end, self[start] == UInt8(ascii: "/") { start += 1 }
        guard start < end else { return nil }
        return start..<(firstIndex(of: UInt8(ascii: "/"), from: start + 1, to: end) ?? end)
    }

    /// Whether the bytes in `range` equal `lowercaseLiteral`, ignoring ASCII case.
    func matches(_ lowercaseLiteral: [UInt8], in range: Range<Int>) -> Bool {
        lowercaseLiteral.withUnsafeBufferPointer { matches($0, $0.indices, in: range) }
    }

    /// Whether the bytes in `range` equal the lower-case `literal[literalRange]`, ignoring ASCII case.
    func matches(_ literal: UnsafeBufferPointer<UInt8>, _ literalRange: Range<Int>, in range: Range<Int>) -> Bool {
        guard range.count == literalRange.count else { return false }
        var literalIndex = literalRange.lowerBound
        for index in range {
            guard self[index].asciiLowercased == literal[literalIndex] else { return false }
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
    /// Runs `body` on the string's UTF-8 bytes in place: no copy, and no retain and release of the string's
    /// storage around it. Through `utf8.withContiguousStorageIfAvailable`, which the optimiser sees through,
    /// rather than `utf8.span`, whose getter is a call into the runtime (44 instructions a string, Swift
    /// 6.3). Only a string bridged from Objective-C has no contiguous UTF-8; it is copied.
    @inlinable @inline(__always)
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return withCopiedUTF8Bytes(body)
    }

    /// The slow path of `withUTF8Bytes`, out of line so that its copy does not swell every caller.
    @usableFromInline @inline(never)
    func withCopiedUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var copy = self
        return copy.withUTF8(body)
    }
}
