import PortvaktCore
import RawStructuredFieldValues
import Testing

/// The RateLimit fields read back by an independent RFC 9651 parser (swift-http-structured-headers): each is a
/// list of one item, a string naming the rule, with the integer parameters draft-10 defines.
@Suite struct RateLimitFieldsStructuredTests {
    private struct ParsedItem: Equatable {
        var name: String
        var parameters: [String: Int]
    }

    private func parse(_ field: String) throws -> [ParsedItem] {
        var parser = StructuredFieldValueParser(Array(field.utf8))
        return try parser.parseListFieldValue().map { member in
            guard case .item(let item) = member, case .string(let name) = item.rfc9651BareItem else {
                Issue.record("not a string item: \(field)")
                return ParsedItem(name: "", parameters: [:])
            }
            var parameters: [String: Int] = [:]
            for (key, value) in item.rfc9651Parameters {
                guard case .integer(let number) = value else {
                    Issue.record("parameter \(key) is not an integer in \(field)")
                    continue
                }
                parameters[key] = Int(number)
            }
            return ParsedItem(name: name, parameters: parameters)
        }
    }

    @Test(arguments: ["dialogporten-default", "broker.search_v2", #"quote"and\backslash"#, ""])
    func bothFieldsAreOneStringItemWithIntegerParameters(name: String) throws {
        let policy = TokenBucketPolicy(burst: 10, count: 120, periodNanoseconds: 90_500_000_000)!
        #expect(
            try parse(RateLimitFields.policy(name: name, policy: policy)) == [
                ParsedItem(name: name, parameters: ["q": 120, "w": 91])
            ])
        #expect(
            try parse(RateLimitFields.rateLimit(name: name, remaining: 87, resetNanoseconds: 11_000_000_001)) == [
                ParsedItem(name: name, parameters: ["r": 87, "t": 12])
            ])
    }

    /// Characters an sf-string cannot hold are replaced, never sent raw: the field still parses.
    @Test func aNameOutsidePrintableASCIIStillGivesAValidField() throws {
        #expect(
            try parse(RateLimitFields.rateLimit(name: "blå\nregel", remaining: 0, resetNanoseconds: 0)) == [
                ParsedItem(name: "bl??regel", parameters: ["r": 0, "t": 0])
            ])
    }
}
