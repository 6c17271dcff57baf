/// Which query parameters move from one read of the same thing to the next (CONTRACT.md §5: "time or
/// cursor parameters"), so the series key sets them aside.
///
/// A parameter is set aside when its name is a known cursor or time filter (ASCII case-insensitive), when
/// its name ends in `after`, `before`, `since` or `until` (e.g. `modifiedSince`), or when its value is a
/// date: `2026-11-24…`, also behind a comparison operator as Storage writes it (`gt:2026-11-24`). Cache
/// busters (`_`, `ts`, `timestamp`, `nocache`) go too: they make every read look new to a cache, not to us.
enum CursorParameters {
    /// Lower-case names, from the Altinn APIs' paging and incremental-read parameters (ALTINN.md §2).
    static let names: [StaticString] = [
        "updatedafter", "updatedbefore", "contentupdatedafter", "contentupdatedbefore", "createdafter",
        "createdbefore", "dueafter", "duebefore", "visibleafter", "visiblebefore", "after", "before", "from", "to",
        "since", "until", "lastchanged", "created", "continuationtoken", "token", "next", "cursor", "page",
        "pagetoken", "offset", "skip", "_", "ts", "timestamp", "nocache", "cachebuster",
    ]

    static let nameSuffixes: [StaticString] = ["after", "before", "since", "until"]

    /// The names' case-folded hashes, sorted: a parameter name is looked up without touching a string or an
    /// array of arrays (whose elements would each be retained and released on every comparison).
    private static let nameHashes: [UInt64] = names.map { name in
        name.withUTF8Buffer { foldedHash($0) }
    }.sorted()

    /// Whether the parameter `name=value` (still percent-encoded) is a time or cursor parameter.
    static func isCursor(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        isKnownName(name)
            || nameSuffixes.contains { suffix in
                suffix.withUTF8Buffer { suffix in
                    name.count > suffix.count
                        && equalIgnoringCase(
                            UnsafeBufferPointer(rebasing: name[(name.count - suffix.count)...]), suffix)
                }
            }
            || isDate(value)
    }

    /// A name is known when its case-folded hash is one of the names' and the bytes agree (the hash only
    /// narrows the search; the comparison decides).
    private static func isKnownName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count <= 20, nameHashes.contains(foldedHash(name)) else { return false }
        return names.contains { known in known.withUTF8Buffer { equalIgnoringCase(name, $0) } }
    }

    /// FNV-1a over the ASCII-lower-cased bytes.
    private static func foldedHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(lowercased(byte))) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// `YYYY-MM-DD` at the start, or after an operator such as `gt:` (the colon possibly as `%3A`).
    private static func isDate(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < min(value.count, 4), isLetter(value[start]) { start += 1 }
        if start > 0 {
            if start < value.count, value[start] == UInt8(ascii: ":") {
                start += 1
            } else if start + 2 < value.count, value[start] == UInt8(ascii: "%"), value[start + 1] == UInt8(ascii: "3"),
                value[start + 2] | 0x20 == UInt8(ascii: "a")
            {
                start += 3
            } else {
                return false
            }
        }
        guard value.count - start >= 10 else { return false }
        let date = UnsafeBufferPointer(rebasing: value[start..<start + 10])
        return date.indices.allSatisfy { index in
            index == 4 || index == 7 ? date[index] == UInt8(ascii: "-") : isDigit(date[index])
        }
    }

    private static func equalIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        guard bytes.count == lowercase.count else { return false }
        for index in bytes.indices where lowercased(bytes[index]) != lowercase[index] { return false }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        lowercased(byte) >= UInt8(ascii: "a") && lowercased(byte) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
