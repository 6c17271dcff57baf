/// The cases of a string enum by their raw values' UTF-8, made once: a logged product or decision is matched by
/// comparing bytes in place, where reading each case's raw value would go through a string every time.
struct CaseNames<Case: CaseIterable & RawRepresentable & Sendable>: Sendable where Case.RawValue == String {
    /// Each case's raw value, packed as `ShortText` packs a text of at most sixteen bytes (every raw value of
    /// the enums the log names is one).
    private let packed: [(text: ShortText, value: Case)]

    init() {
        packed = Case.allCases.map { value in
            var name = value.rawValue
            guard let text = name.withUTF8({ ShortText($0) }) else {
                preconditionFailure("\(Case.self).\(value) has a raw value longer than sixteen bytes")
            }
            return (text, value)
        }
    }

    /// The case whose raw value is exactly `bytes`, if any.
    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Case? {
        guard let text = ShortText(bytes) else { return nil }
        return packed.withUnsafeBufferPointer { entries in entries.first { $0.text == text }?.value }
    }
}

/// A text of at most sixteen bytes as its length and two words: its first and last eight bytes (four for a
/// text of fewer than eight, one by one for fewer than four), overlapping as they fall. Two texts of at most
/// sixteen bytes pack alike exactly when they are equal.
struct ShortText: Equatable {
    let count: Int
    let head: UInt64
    let tail: UInt64

    /// Nil for a text longer than sixteen bytes.
    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let raw = UnsafeRawBufferPointer(bytes)
        count = bytes.count
        switch count {
        case 8...16:
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            head = UInt64(raw.loadUnaligned(as: UInt32.self))
            tail = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        case 0..<4:
            var word: UInt64 = 0
            for index in raw.indices { word |= UInt64(raw[index]) << (8 * UInt64(index)) }
            head = word
            tail = 0
        default:
            return nil
        }
    }
}
