/// A JSON member name as a coding key, so that claims can be read by any name (`urn:altinn:orgNumber`) and
/// looked up case-insensitively where issuers disagree on spelling (`ID` / `id`).
struct ClaimKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        self.stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

extension KeyedDecodingContainer where Key == ClaimKey {
    /// A NumericDate (RFC 7519 §2): seconds, possibly with a fraction, which is dropped.
    func decodeNumericDate(_ name: String) throws -> Int64? {
        let key = ClaimKey(name)
        guard contains(key) else { return nil }
        if let whole = try? decode(Int64.self, forKey: key) { return whole }
        let seconds = try decode(Double.self, forKey: key)
        guard seconds.isFinite, abs(seconds) < 1e15 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "NumericDate out of range")
        }
        return Int64(seconds.rounded(.down))
    }
}
