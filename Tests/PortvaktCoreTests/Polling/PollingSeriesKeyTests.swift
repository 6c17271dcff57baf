import PortvaktCore
import Testing

@Suite struct PollingSeriesKeyTests {
    private func key(
        _ target: String, supplier: String = "312345676", customer: String? = "313999998",
        method: RequestMethod = .get, host: String? = "platform.tt02.altinn.no"
    ) -> PollingSeriesKey {
        PollingSeriesKey(supplier: supplier, customer: customer, method: method, host: host, target: target)
    }

    private let list = "/dialogporten/api/v1/enduser/dialogs?party=a"

    @Test(arguments: [
        "updatedAfter=2026-11-24T06%3A00%3A00Z", "contentUpdatedAfter=x", "createdAfter=x", "after=17", "from=x",
        "to=x", "lastChanged=gt%3A2026-11-24", "continuationToken=abc", "CONTINUATIONTOKEN=abc",
        "UpdatedAfter=x", "modifiedSince=x", "validFrom=2026-11-24", "size=10&continuationToken=abc",
    ])
    func timeAndCursorParametersAreSetAside(parameter: String) {
        let withSize = parameter.hasPrefix("size=")
        #expect(key("\(list)&\(parameter)") == key(withSize ? "\(list)&size=10" : list))
    }

    @Test func theOrderOfTheOtherParametersDoesNotMatter() {
        #expect(key("/x?a=1&b=2&c=3") == key("/x?c=3&a=1&b=2"))
        #expect(key("/x?a=1&&b=2") == key("/x?b=2&a=1"))
    }

    @Test func everyOtherPartMakesAnotherSeries() {
        let base = key(list)
        #expect(base != key("/dialogporten/api/v1/enduser/dialogs?party=b"))
        #expect(base != key("/dialogporten/api/v1/enduser/dialogs"))
        #expect(base != key(list, supplier: "999999999"))
        #expect(base != key(list, customer: "314000001"))
        #expect(base != key(list, customer: nil))
        #expect(key(list, customer: nil) != key(list, customer: ""))
        #expect(base != key(list, method: .head))
        #expect(base != key(list, host: "ttd.apps.tt02.altinn.no"))
        #expect(key("/x?a=1&b=2") != key("/x?a=12"))
        #expect(key("/ab", supplier: "c") != key("/ab", supplier: "c", customer: nil))
    }

    /// The same bytes split differently between supplier, customer, host and path are different series.
    @Test func bytesMovedBetweenPartsMakeAnotherSeries() {
        let splits: [(String, String?, String?, String)] = [
            ("ab", "c", "d", "/e"), ("a", "bc", "d", "/e"), ("a", "b", "cd", "/e"), ("a", "b", "c", "d/e"),
            ("abc", "", "d", "/e"), ("abc", nil, "d", "/e"), ("abc", "d", nil, "/e"),
            ("abcd", nil, nil, "/e"),
        ]
        let keys = splits.map { key($0.3, supplier: $0.0, customer: $0.1, host: $0.2) }
        #expect(Set(keys).count == splits.count)
    }
}
