import PortvaktCore
import Testing

@testable import PortvaktAccessLog

@Suite struct AccessLogRecordScrubbingTests {
    private static let number = "03864299708"
    private static let scrubber = IdentityNumberScrubber { "fnr:<\($0.count)>" }

    /// A record with the number in every text field.
    private static let record = AccessLogRecord(
        time: 1_795_500_000_810_000_000,
        requestID: "req-\(number)",
        supplier: "312345676",
        customer: "Person:\(number)",
        clientID: "client-\(number)",
        method: "GET\(number)",
        host: "\(number).apps.tt02.altinn.no",
        path: "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3A\(number)",
        product: .dialogporten,
        route: "route.\(number)",
        status: 200,
        decision: .throttled,
        rule: "rule-\(number)",
        bytesIn: 0,
        bytesOut: 2048,
        durationMilliseconds: 12.4,
        responseDigest: "\"\(number)\""
    )

    /// The record's text, field by field.
    private func texts(of record: AccessLogRecord) -> [String] {
        Mirror(reflecting: record).children.compactMap { $0.value as? String ?? ($0.value as? String?) ?? nil }
    }

    @Test func replacesTheNumberInEveryTextFieldAndLeavesTheRestAlone() {
        let scrubbed = Self.record.scrubbed(by: Self.scrubber)
        #expect(
            scrubbed.path
                == "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3Afnr:<11>")
        #expect(scrubbed.customer == "Person:fnr:<11>")
        #expect(scrubbed.supplier == "312345676")
        #expect(texts(of: scrubbed).allSatisfy { !$0.contains(Self.number) })
        var line: [UInt8] = []
        scrubbed.appendJSONLine(to: &line)
        #expect(!String(decoding: line, as: UTF8.self).contains(Self.number))
        #expect(scrubbed.time == Self.record.time && scrubbed.bytesOut == Self.record.bytesOut)
    }

    /// A text field added to the record must be scrubbed too, and carry the number in the fixture above so
    /// that the first test sees it: this fails until both are done and the count here is raised.
    @Test func everyTextFieldIsCounted() {
        let textFieldCount = Mirror(reflecting: Self.record).children.count {
            $0.value is String || $0.value is String?
        }
        #expect(textFieldCount == 10)
    }

    @Test func aRecordWithNoNumberIsUnchanged() {
        let record = AccessLogRecord(
            time: Self.record.time, requestID: "x", supplier: nil, customer: "Person:x", clientID: nil, method: "GET",
            host: "x", path: "/x?party=12345678901234", product: .dialogporten, route: "x", status: 200,
            decision: .allowed, rule: nil, bytesIn: 0, bytesOut: 0, durationMilliseconds: 1, responseDigest: "\"x\"")
        #expect(record.scrubbed(by: Self.scrubber) == record)
    }
}
