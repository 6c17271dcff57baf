import PortvaktCore

extension AccessLogRecord {
    /// The record with every national identity number in its text replaced by its pseudonym (contract §6).
    ///
    /// Every text field goes through the scrubber. Most come from the request (`path`, `method`) or a token
    /// (`client_id`); the rest are the proxy's own or configured, scrubbed too so that no field is ever written
    /// unexamined. A text field added to the record belongs here (a test counts them). Field by field rather
    /// than through key paths, which the writer thread paid for at run time on every record.
    public func scrubbed(by scrubber: IdentityNumberScrubber) -> AccessLogRecord {
        var record = self
        record.requestID = scrubber.scrubbed(requestID)
        record.method = scrubber.scrubbed(method)
        record.host = scrubber.scrubbed(host)
        record.path = scrubber.scrubbed(path)
        record.route = scrubber.scrubbed(route)
        record.supplier = supplier.map(scrubber.scrubbed)
        record.customer = customer.map(scrubber.scrubbed)
        record.clientID = clientID.map(scrubber.scrubbed)
        record.rule = rule.map(scrubber.scrubbed)
        record.responseDigest = responseDigest.map(scrubber.scrubbed)
        return record
    }
}
