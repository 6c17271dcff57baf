/// A small RFC 4180 reader for the tests: records end in CRLF, a quoted field may hold commas, quotes (doubled)
/// and line breaks. Returns nil for text that is not RFC 4180 (a bare LF or CR outside quotes, a stray quote,
/// no CRLF after the last record).
enum CSVRecords {
    static func parse(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var fieldStarted = false
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"" where !fieldStarted && field.isEmpty:
                // A quoted field: up to the quote that is not doubled.
                while true {
                    guard let next = scalars.popFirst() else { return nil }
                    if next == "\"" {
                        guard scalars.first == "\"" else { break }
                        scalars.removeFirst()
                    }
                    field.unicodeScalars.append(next)
                }
                fieldStarted = true
                guard let after = scalars.first, after == "," || after == "\r" else { return nil }
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                guard scalars.popFirst() == "\n" else { return nil }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
            case "\"", "\n":
                return nil
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        return record.isEmpty && field.isEmpty ? records : nil
    }
}
