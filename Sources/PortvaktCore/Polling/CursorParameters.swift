/// Which query parameters move from one read of the same thing to the next (CONTRACT.md §5: "time or
/// cursor parameters"), so the series key sets them aside.
///
/// A parameter is set aside when its name is a known cursor or time filter (ASCII case-insensitive), when
/// its name ends in `after`, `before`, `since` or `until` (e.g. `modifiedSince`), or when its value is a
/// date: `2026-11-24…`, also behind a comparison operator as Storage writes it (`gt:2026-11-24`). Cache
/// busters (`_`, `ts`, `timestamp`, `nocache`) go too: they make every read look new to a cache, not to us.
enum CursorParameters {
    /// Lower-case names, from the Altinn APIs' paging and incremental-read parameters (ALTINN.md §2).
    static let names: [[UInt8]] = [
        "updatedafter", "updatedbefore", "contentupdatedafter", "contentupdatedbefore", "createdafter",
        "createdbefore", "dueafter", "duebefore", "visibleafter", "visiblebefore", "after", "before", "from", "to",
        "since", "until", "lastchanged", "created", "continuationtoken", "token", "next", "cursor", "page",
        "pagetoken", "offset", "skip", "_", "ts", "timestamp", "nocache", "cachebuster",
    ].map { Array($0.utf8) }

    static let nameSuffixes: [[UInt8]] = ["after", "before", "since", "until"].map { Array($0.utf8) }

    /// Whether the parameter `name=value` (still percent-encoded) is a time or cursor parameter.
    static func isCursor(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        names.contains { equalIgnoringCase(name, $0) }
            || nameSuffixes.contains { suffix in
                name.count > suffix.count
                    && equalIgnoringCase(UnsafeBufferPointer(rebasing: name[(name.count - suffix.count)...]), suffix)
            }
            || isDate(value)
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

    private static func equalIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: [UInt8]) -> Bool {
        bytes.count == lowercase.count && zip(bytes, lowercase).allSatisfy { lowercased($0) == $1 }
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
