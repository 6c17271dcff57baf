import PortvaktCore

extension AccessLogRecord {
    /// Every text field. Most come from the request (`path`, `method`) or a token (`client_id`); the rest are the
    /// proxy's own or configured, scrubbed too so that no field is ever written unexamined. A text field added to
    /// the record belongs here (a test counts them).
    static let textFields: [WritableKeyPath<AccessLogRecord, String> & Sendable] = [
        \.requestID, \.method, \.host, \.path, \.route,
    ]
    static let optionalTextFields: [WritableKeyPath<AccessLogRecord, String?> & Sendable] = [
        \.supplier, \.customer, \.clientID, \.rule, \.responseDigest,
    ]

    /// The record with every national identity number in its text replaced by its pseudonym (contract §6).
    public func scrubbed(by scrubber: IdentityNumberScrubber) -> AccessLogRecord {
        var record = self
        for field in Self.textFields {
            record[keyPath: field] = scrubber.scrubbed(record[keyPath: field])
        }
        for field in Self.optionalTextFields {
            record[keyPath: field] = record[keyPath: field].map(scrubber.scrubbed)
        }
        return record
    }
}
