/// What a `Range` request header asks of a representation of known length (RFC 9110 §14).
enum ByteRangeRequest: Equatable {
    /// No usable `Range` header: answer 200 with everything. Malformed headers and several ranges at once
    /// land here, as RFC 9110 allows a server to ignore them.
    case whole
    /// One satisfiable range: answer 206 with these bytes.
    case partial(Range<Int>)
    /// A well-formed range outside the representation: answer 416.
    case unsatisfiable

    /// Interprets `header` (e.g. `bytes=0-499`, `bytes=500-`, `bytes=-500`) against `length` bytes.
    init(header: String?, length: Int) {
        guard let header, header.hasPrefix("bytes=") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingSpaces
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else {
            self = .whole
            return
        }
        let first = spec[..<dash].trimmingSpaces
        let last = spec[spec.index(after: dash)...].trimmingSpaces
        switch (Int(first), Int(last)) {
        case (nil, let suffixLength?) where first.isEmpty && suffixLength >= 0:
            // `-n`: the final n bytes.
            guard suffixLength > 0, length > 0 else {
                self = .unsatisfiable
                return
            }
            self = .partial(max(0, length - suffixLength)..<length)
        case (let start?, nil) where last.isEmpty && start >= 0:
            self = start < length ? .partial(start..<length) : .unsatisfiable
        case (let start?, let end?) where start >= 0 && end >= start:
            self = start < length ? .partial(start..<min(end + 1, length)) : .unsatisfiable
        default:
            self = .whole
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
