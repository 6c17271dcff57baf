import Benchmark
import PortvaktCore

/// The detector judges every proxied answer on an event-loop thread: on an existing series it must be cheap
/// and allocate nothing, and a series must stay small enough for a day of customers.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 1000,
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    let start: Int64 = 1_764_100_000_000_000_000
    let route = Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search")
    // Built at run time, as the proxy and replay build theirs: literals are immortal and would hide the cost of
    // retaining and releasing each string on the way through.
    func runtime(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
    let target = runtime(
        "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aorganization%3Aidentifier-no%3A313999998"
            + "&updatedAfter=2026-11-24T06%3A00%3A18.783Z")
    let supplier = runtime("312345676")
    let customer = runtime("313999998")
    let host = runtime("platform.tt02.altinn.no")
    let digest = runtime("9f86d081884c7d659a2feaa0c55ad015")

    Benchmark("polling: existing series, unchanged answer") { benchmark in
        var detector = PollingDetector(thresholds: .default, capacity: 1024)
        var now = start
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            now += 30_000_000_000
            blackHole(
                detector.observe(
                    time: now, supplier: supplier, customer: customer, method: .get,
                    host: host, target: target, route: route, status: 200,
                    responseDigest: digest))
        }
    }

    // The update alone, its key and digest hash made beforehand, as `replay` makes them on its reading thread: what
    // the O(1) part of an answer costs, apart from the key, which is linear in the target's length.
    Benchmark("polling: existing series, key given") { benchmark in
        var detector = PollingDetector(thresholds: .default, capacity: 1024)
        let key = PollingSeriesKey(supplier: supplier, customer: customer, method: .get, host: host, target: target)
        let digestHash = ResponseDigestHash(digest)
        var now = start
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            now += 30_000_000_000
            blackHole(
                detector.observeRead(
                    time: now, supplier: supplier, customer: customer, route: route, status: 200, key: key,
                    responseDigestHash: digestHash))
        }
    }

    Benchmark("polling: series key only") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                PollingSeriesKey(
                    supplier: supplier, customer: customer, method: .get, host: host,
                    target: target))
        }
    }

    let bytesPerSeries = BenchmarkMetric.custom("bytes per series (table)", useScalingFactor: false)
    let bytesPerFirstRead = BenchmarkMetric.custom("bytes per series read once", useScalingFactor: false)
    Benchmark(
        "polling: memory per series",
        configuration: .init(metrics: [bytesPerSeries, bytesPerFirstRead], scalingFactor: .one, maxIterations: 1)
    ) { benchmark in
        benchmark.measurement(bytesPerSeries, PollingSeriesTable.bytesPerSeries)
        benchmark.measurement(bytesPerFirstRead, PollingDetector.bytesPerFirstRead)
    }
}
