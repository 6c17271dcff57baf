import PortvaktCore
import Testing

@Suite struct PollingSeriesTableTests {
    private let thresholds = PollingThresholds.default

    private func key(_ path: String) -> PollingSeriesKey {
        PollingSeriesKey(supplier: "312345676", customer: nil, method: .get, host: nil, target: path)
    }

    private func labels(_ path: String) -> PollingSeriesLabels {
        PollingSeriesLabels(supplier: "312345676", customer: path, route: Route(product: .unknown, name: "unknown"))
    }

    @discardableResult
    private func touch(_ table: inout PollingSeriesTable, _ path: String) -> PollingSeriesTable.Evicted? {
        table.update(key(path), labels: labels(path)) { series in
            _ = series.isPolling(under: thresholds)
        }.evicted
    }

    @Test func theSeriesIdleLongestLeavesFirst() {
        var table = PollingSeriesTable(capacity: 3)
        for path in ["/a", "/b", "/c"] { #expect(touch(&table, path) == nil) }
        touch(&table, "/a")
        #expect(touch(&table, "/d")?.labels.customer == "/b")
        #expect(touch(&table, "/e")?.labels.customer == "/c")
        #expect(touch(&table, "/f")?.labels.customer == "/a")
        #expect(table.count == 3)
        #expect(table.series(key("/a")) == nil)
        #expect(table.series(key("/f")) != nil)
    }

    @Test func aSeriesTakesAtMost512Bytes() {
        #expect(PollingSeriesTable.bytesPerSeries <= 512)
    }
}
