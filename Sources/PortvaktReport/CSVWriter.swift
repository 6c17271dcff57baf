import PortvaktCore

/// CSV records written straight into one byte buffer, RFC 4180 style (CRLF line ends, fields with `,` `"` CR
/// or LF quoted, quotes doubled).
///
/// A record is begun with its kind, then given its fields in column order, then ended: the writer puts in
/// the commas of the columns skipped, so a record names only the fields it has and no row of 28 cells is
/// built. A month of hourly usage is most of a report's rows, and most of the time rendering it took.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []
    /// The index in `CSVColumn.ordered` of the column the next field would fill.
    private var next = 0

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The header row: the columns' names.
    mutating func writeHeader() {
        for (index, column) in CSVColumn.ordered.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: column.rawValue.utf8)
        }
        bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    /// Starts a record of kind `record` (the first column), for `supplier` when given.
    mutating func begin(_ record: StaticString, supplier: String? = nil) {
        bytes.appendASCII(record)
        next = 1
        if let supplier { text(.supplier, supplier) }
    }

    /// Fills the columns not given with empty fields and ends the line.
    mutating func end() {
        for _ in next..<CSVColumn.ordered.count { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        next = 0
    }

    /// Text, quoted when it must be; nil leaves the field empty.
    mutating func text(_ column: CSVColumn, _ value: String?) {
        moveTo(column)
        guard var value else { return }
        value.withUTF8 { text in
            let needsQuotes = text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            guard needsQuotes else { return bytes.append(contentsOf: text) }
            bytes.append(UInt8(ascii: "\""))
            for byte in text {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    mutating func number(_ column: CSVColumn, _ value: Int) {
        moveTo(column)
        bytes.appendDecimal(value)
    }

    /// A time as RFC 3339 with milliseconds, as the JSON writes it; nil leaves the field empty.
    mutating func time(_ column: CSVColumn, _ value: Int64?) {
        moveTo(column)
        if let value { bytes.appendRFC3339(nanosecondsSinceEpoch: value) }
    }

    /// A figure to at most three decimals, as the JSON writes it; nil leaves the field empty.
    mutating func figure(_ column: CSVColumn, _ value: Double?) {
        moveTo(column)
        if let value { bytes.appendDecimal(roundingToThousandths: value) }
    }

    mutating func flag(_ column: CSVColumn, _ value: Bool) {
        moveTo(column)
        bytes.appendASCII(value ? "true" : "false")
    }

    /// Writes the separators up to `column`'s field; a column at or before one already written is a
    /// programming error.
    private mutating func moveTo(_ column: CSVColumn) {
        precondition(next > 0, "a CSV field outside a record")
        while true {
            bytes.append(UInt8(ascii: ","))
            let current = CSVColumn.ordered[next]
            next += 1
            if current == column { return }
        }
    }
}
