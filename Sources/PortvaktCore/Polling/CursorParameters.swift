/// Which query parameters move from one read of the same thing to the next (CONTRACT.md §5: "time or
/// cursor parameters"), so the series key sets them aside.
///
/// A parameter is set aside when its name is a known cursor or time filter (ASCII case-insensitive), when
/// its name ends in `after`, `before`, `since` or `until` (e.g. `modifiedSince`), or when its value is a
/// date: `2026-11-24…`, also behind a comparison operator as Storage writes it (`gt:2026-11-24`). Cache
/// busters (`_`, `ts`, `timestamp`, `nocache`) go too: they make every read look new to a cache, not to us.
enum CursorParameters {
    /// Whether the parameter `name=value` (still percent-encoded) is a time or cursor parameter.
    static func isCursor(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        isKnownName(name) || hasTimeSuffix(name) || isDate(value)
    }

    /// The Altinn APIs' paging and incremental-read parameters (ALTINN.md §2) and the cache busters, by
    /// length, so a name is compared with a few literals at most and nothing is retained or hashed. The
    /// names that end in a time suffix (`updatedAfter`, `dueBefore`, …) are `hasTimeSuffix`'s.
    private static func isKnownName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func `is`(_ known: StaticString) -> Bool { equalIgnoringCase(name, known) }
        switch name.count {
        // Not a letter, so compared as it is (see `folded`).
        case 1: return name[0] == UInt8(ascii: "_")
        case 2: return `is`("to") || `is`("ts")
        case 4: return `is`("from") || `is`("next") || `is`("page") || `is`("skip")
        case 5: return `is`("after") || `is`("since") || `is`("until") || `is`("token")
        case 6: return `is`("before") || `is`("cursor") || `is`("offset")
        case 7: return `is`("created") || `is`("nocache")
        case 9: return `is`("pagetoken") || `is`("timestamp")
        case 11: return `is`("lastchanged") || `is`("cachebuster")
        case 17: return `is`("continuationtoken")
        default: return false
        }
    }

    /// A name that ends in `after`, `before`, `since` or `until` after something else (`modifiedSince`).
    private static func hasTimeSuffix(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count > 5 else { return false }
        let last5 = folded(name, from: name.count - 5, count: 5)
        return last5 == packed("after") || last5 == packed("since") || last5 == packed("until")
            || (name.count > 6 && folded(name, from: name.count - 6, count: 6) == packed("before"))
    }

    /// `YYYY-MM-DD` at the start, or after an operator such as `gt:` (the colon possibly as `%3A`). The first
    /// eight bytes of the date are checked as one word.
    private static func isDate(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 10 else { return false }
        var start = 0
        while start < 4, isLetter(value[start]) { start &+= 1 }
        if start > 0 {
            if value[start] == UInt8(ascii: ":") {
                start &+= 1
            } else if value[start] == UInt8(ascii: "%"), value[start &+ 1] == UInt8(ascii: "3"),
                value[start &+ 2] | 0x20 == UInt8(ascii: "a")
            {
                start &+= 3
            } else {
                return false
            }
        }
        guard value.count &- start >= 10 else { return false }
        // `YYYY-MM-`: the dashes in lanes 4 and 7, then those lanes made `0` so that every lane must be a digit.
        let dashLanes: UInt64 = 0xFF00_00FF_0000_0000
        let word = UnsafeRawBufferPointer(value).loadUnaligned(fromByteOffset: start, as: UInt64.self)
        guard word & dashLanes == 0x2D00_002D_0000_0000 else { return false }
        return isEightDigits(word & ~dashLanes | 0x3000_0030_0000_0000) && isDigit(value[start &+ 8])
            && isDigit(value[start &+ 9])
    }

    /// Whether every byte lane of `word` is an ASCII digit: its high nibble is 3 and stays 3 when 6 is added
    /// (which carries into the high nibble exactly from 0xA up, and never out of the lane).
    @inline(__always)
    private static func isEightDigits(_ word: UInt64) -> Bool {
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let threes: UInt64 = 0x3030_3030_3030_3030
        return word & highNibbles == threes && (word &+ 0x0606_0606_0606_0606) & highNibbles == threes
    }

    /// Whether `bytes` spell the lower-case letters of `lowercase` in any case, eight at a time.
    @inline(__always)
    private static func equalIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        for start in stride(from: 0, to: bytes.count, by: 8) {
            let count = min(8, bytes.count - start)
            guard folded(bytes, from: start, count: count) == packed(lowercase, from: start, count: count) else {
                return false
            }
        }
        return true
    }

    /// `count` (1…8) bytes from `start`, little-endian in one word, each ORed with 0x20: that turns a letter of
    /// either case into its lower case and nothing else into a lower-case letter, so the word equals a
    /// literal's lower-case letters exactly when the bytes are those letters. The bytes are read as one word
    /// when the buffer has eight.
    @inline(__always)
    private static func folded(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> UInt64 {
        let mask = UInt64.max &>> UInt64(64 &- 8 &* count)
        var word: UInt64 = 0
        if bytes.count >= 8 {
            let at = min(start, bytes.count &- 8)
            word =
                UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: at, as: UInt64.self)
                &>> UInt64(8 &* (start &- at))
        } else {
            for index in 0..<count { word |= UInt64(bytes[start &+ index]) &<< UInt64(8 &* index) }
        }
        return (word | 0x2020_2020_2020_2020) & mask
    }

    /// The literal's bytes `start..<start + count` as `folded` packs them (constant for a literal).
    @inline(__always)
    private static func packed(_ literal: StaticString, from start: Int = 0, count: Int? = nil) -> UInt64 {
        let count = count ?? literal.utf8CodeUnitCount
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(literal.utf8Start[start + index]) &<< UInt64(8 &* index) }
        return word
    }

    /// ORed with 0x20, a letter of either case becomes its lower case and nothing else becomes a lower-case letter.
    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
