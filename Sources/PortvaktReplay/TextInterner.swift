/// The texts a log repeats line after line — suppliers, customers, client ids, hosts, routes — each made a
/// `String` once and handed out again (`TextTable`), so a repeated field costs no allocation, no UTF-8
/// validation and no reference counting but the one of the string handed out.
///
/// Bounded as its table is: once it is full, and for texts longer than `longestText`, strings are made every
/// time (a log of unique values costs a lookup per field, never unbounded memory).
struct TextInterner {
    private var table: TextTable<String>

    /// Room for `capacity` texts (rounded up to a power of two), `known` among them from the start: handed out
    /// as they are, so a literal stays one. A literal's storage is immortal and counts no references, which
    /// matters for texts both threads of a replay copy (route names): a count they both change moves between
    /// their caches every time.
    init(capacity: Int = 1 << 14, known: [String] = []) {
        table = TextTable(capacity: capacity)
        for text in known {
            var bytes = text
            bytes.withUTF8 { _ = table.insert(text, for: $0) }
        }
    }

    var count: Int { table.count }

    static var longestText: Int { TextTable<String>.longestText }

    /// The string of the UTF-8 `bytes`, as `String(decoding:as:)` makes it.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let text = table.value(for: bytes) { return text }
        let text = String(decoding: bytes, as: UTF8.self)
        table.insert(text, for: bytes)
        return text
    }
}
