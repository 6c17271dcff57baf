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

    /// Reads the series of `path` as the detector does, starting it when new; the labels of the series it
    /// evicted, if any.
    @discardableResult
    private func touch(_ table: inout PollingSeriesTable, _ path: String) -> PollingSeriesLabels? {
        if table.updateIfPresent(key(path), { series in series.isPolling(under: thresholds) }) != nil { return nil }
        var evicted: PollingSeriesLabels?
        _ = table.insert(key(path), labels: labels(path), evicting: { labels, _ in evicted = labels }) { series in
            series.isPolling(under: thresholds)
        }
        return evicted
    }

    @Test func theSeriesIdleLongestLeavesFirst() {
        var table = PollingSeriesTable(capacity: 3)
        for path in ["/a", "/b", "/c"] { #expect(touch(&table, path) == nil) }
        touch(&table, "/a")
        #expect(touch(&table, "/d")?.customer == "/b")
        #expect(touch(&table, "/e")?.customer == "/c")
        #expect(touch(&table, "/f")?.customer == "/a")
        #expect(table.count == 3)
        #expect(table.series(key("/a")) == nil)
        #expect(table.series(key("/f")) != nil)
    }

    @Test func updatingOnlyIfPresentLeavesANewKeyOutAndMakesAKnownOneTheMostRecent() {
        var table = PollingSeriesTable(capacity: 2)
        #expect(table.updateIfPresent(key("/a")) { _ in 1 } == nil)
        #expect(table.count == 0)
        touch(&table, "/a")
        touch(&table, "/b")
        #expect(table.updateIfPresent(key("/a")) { series in series.reads } == 0)
        #expect(touch(&table, "/c")?.customer == "/b")
        #expect(table.series(key("/a")) != nil)
    }

    /// What the detector does with an answer of a series the table does not follow.
    @Test func insertingStartsANewSeriesAndEvictsTheIdleLongestWhenFull() {
        var table = PollingSeriesTable(capacity: 2)
        var evicted: [String?] = []
        func insert(_ path: String) -> UInt32 {
            table.insert(key(path), labels: labels(path), evicting: { labels, _ in evicted.append(labels.customer) }) {
                series in series.reads
            }
        }
        #expect(insert("/a") == 0)
        #expect(insert("/b") == 0)
        #expect(evicted.isEmpty)
        #expect(insert("/c") == 0)
        #expect(evicted == ["/a"])
        #expect(table.count == 2)
        #expect(table.series(key("/a")) == nil)
        #expect(table.updateIfPresent(key("/c")) { _ in true } == true)
        #expect(table.updateIfPresent(key("/b")) { _ in true } == true)
    }

    @Test func aSeriesTakesAtMost512Bytes() {
        #expect(PollingSeriesTable.bytesPerSeries <= 512)
    }

    /// Many evictions through a small index (its probe runs shift back on every removal), against a model
    /// of the most recently read paths.
    @Test func aChurningTableFindsExactlyTheSeriesItKeeps() {
        var table = PollingSeriesTable(capacity: 7)
        var recent: [String] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let path = "/\(Int.random(in: 0..<20, using: &generator))"
            let evicted = touch(&table, path)
            if let index = recent.firstIndex(of: path) {
                #expect(evicted == nil)
                recent.remove(at: index)
            } else if recent.count == 7 {
                #expect(evicted?.customer == recent.removeFirst())
            }
            recent.append(path)
            for number in 0..<20 {
                #expect((table.series(key("/\(number)")) != nil) == recent.contains("/\(number)"))
            }
        }
    }
}
