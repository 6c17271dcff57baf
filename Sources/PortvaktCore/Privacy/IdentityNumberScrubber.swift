/// Replaces every national identity number in text bound for a log with its pseudonym (contract §6), so that
/// paths, queries, URNs and header values can be logged and one person's series stay recognisable.
///
/// A number is a run of exactly eleven digits, with no digit before or after it, that `NationalIdentityNumber`
/// accepts: `/parties/31129956715`, `party=urn:altinn:person:identifier-no:31129956715`, `Person:31129956715`,
/// `ab31129956715cd`. Longer and shorter runs are other things (organisation numbers, party IDs, timestamps)
/// and stay as they are. The text is read as it travels in a URL: a percent escape is one character, so
/// `identifier-no%3A31129956715` and `%2031129956715` (a space, then the number) are found, and so is a number
/// whose digits are themselves escaped (`%33%31…`). Double escaping (`%2533`) is not undone: no client
/// sends digits that way.
///
/// The pseudonym comes from a closure, which keeps the keyed hash (and its crypto library) out of the core.
///
/// This runs for every logged field of every request: text with no eleven-digit run comes back as it was,
/// without allocating.
public struct IdentityNumberScrubber: Sendable {
    private let pseudonym: @Sendable (String) -> String

    /// `pseudonym` turns a number (eleven ASCII digits) into what the log shows instead, the same every time.
    public init(pseudonym: @escaping @Sendable (String) -> String) {
        self.pseudonym = pseudonym
    }

    /// `text` with each identity number in it replaced by its pseudonym.
    public func scrubbed(_ text: String) -> String {
        guard text.utf8.count >= NationalIdentityNumber.length else { return text }
        if let result = text.utf8.withContiguousStorageIfAvailable({ self.scrubbed(bytes: $0) }) {
            return result ?? text
        }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable({ self.scrubbed(bytes: $0) })! ?? text
    }

    /// The scrubbed text, or nil when there was nothing to replace.
    private func scrubbed(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        var copiedUpTo = 0
        var runStart: Int?
        var runDigits = 0
        var index = 0
        while index <= bytes.count {
            let character = index < bytes.count ? Self.character(in: bytes, at: index) : (isDigit: false, width: 1)
            if character.isDigit {
                if runStart == nil { (runStart, runDigits) = (index, 0) }
                runDigits += 1
            } else if let start = runStart {
                runStart = nil
                if runDigits == NationalIdentityNumber.length, let number = Self.number(in: bytes[start..<index]) {
                    if output.isEmpty { output.reserveCapacity(bytes.count + 16) }
                    output.append(contentsOf: bytes[copiedUpTo..<start])
                    output.append(contentsOf: pseudonym(number).utf8)
                    copiedUpTo = index
                }
            }
            index += character.width
        }
        guard copiedUpTo > 0 else { return nil }
        output.append(contentsOf: bytes[copiedUpTo...])
        return String(decoding: output, as: UTF8.self)
    }

    /// The character at `index` as a URL carries it: a percent escape (three bytes) or one byte.
    private static func character(
        in bytes: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> (isDigit: Bool, width: Int) {
        let byte = bytes[index]
        if isDigit(byte) { return (true, 1) }
        guard byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHexDigit(bytes[index + 1]),
            isHexDigit(bytes[index + 2])
        else { return (false, 1) }
        return (bytes[index + 1] == UInt8(ascii: "3") && isDigit(bytes[index + 2]), 3)
    }

    /// The number a run of eleven digits spells, if it is an identity number; an escaped digit counts as its digit.
    private static func number(in run: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        if run.count == NationalIdentityNumber.length {
            return NationalIdentityNumber.isValid(run) ? String(decoding: run, as: UTF8.self) : nil
        }
        let digits = unescaped(run)
        return NationalIdentityNumber.isValid(digits) ? String(decoding: digits, as: UTF8.self) : nil
    }

    /// The digits of a run that holds escaped ones (`%3N` is the digit N).
    private static func unescaped(_ run: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var digits: [UInt8] = []
        var index = run.startIndex
        while index < run.endIndex {
            if run[index] == UInt8(ascii: "%") {
                digits.append(run[index + 2])
                index += 3
            } else {
                digits.append(run[index])
                index += 1
            }
        }
        return digits
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }
}
