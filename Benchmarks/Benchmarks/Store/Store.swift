import Benchmark
import Foundation
import Logging
import PortvaktCore
import PortvaktReport
import PortvaktStore

/// The durable state: how many ledger writes (a violation with its evidence and the ladder it moved) the
/// writer commits per second, and how long a throttle report over 30 days × 1,000 suppliers takes to read
/// and to render in each format.
let benchmarks: @Sendable () -> Void = {
    let hour: Int64 = 3_600_000_000_000
    let end: Int64 = 1_795_500_000 * 1_000_000_000
    let ladder = SanctionLadder(
        steps: [.init(level: .notice, after: 1), .init(level: .throttle, after: 3, factor: 0.25)],
        windowNanoseconds: 24 * hour, recountNanoseconds: hour, forgiveAfterNanoseconds: 7 * 24 * hour)
    let evidence = ThrottleReport.Violation(
        rule: "1.2.4-polling", product: "dialogporten", route: "dialogporten.enduser.dialogs.search", customers: 12,
        requests: 500, medianIntervalSeconds: 30, unchangedRatio: 0.96, firstSeen: end, lastSeen: end,
        advice: "Subscribe to Altinn Events (dialogporten.dialog.*) for the parties you serve", periodicity: 0.9)

    func temporaryStore() throws -> (store: StateStore, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-bench-\(UUID())").path
        return (try StateStore(path: directory + "/state.sqlite", logger: Logger(label: "bench")), directory)
    }

    Benchmark(
        "store: ledger writes (violation + ladder), committed",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5))
    ) { benchmark in
        let (store, directory) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var sanction = SupplierSanction()
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            let supplier = String(300_000_000 + index % 1000)
            // A supplier's ongoing violations are a handful of rules and routes.
            sanction.record(violation: "v\(index % 8)", at: end + Int64(index) * hour, ladder: ladder)
            store.record(.violation(supplier: supplier, recordedAt: end + Int64(index), evidence))
            store.record(.ladder(supplier: supplier, sanction.snapshot))
        }
        store.flush()
        benchmark.stopMeasurement()
        store.close()
    }

    /// 1,000 suppliers, every hour of 30 days, three decisions each (2.16 M usage rows), a violation and a
    /// change of level for every tenth. Built once into a file the benchmark processes share (BenchmarkTool
    /// starts one per benchmark), and only when a report benchmark runs.
    func month() throws -> StateStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-bench-month.sqlite").path
        let ready = path + ".ready"
        if FileManager.default.fileExists(atPath: ready) {
            return try StateStore(path: path, logger: Logger(label: "bench"))
        }
        try? FileManager.default.removeItem(atPath: path)
        let store = try StateStore(path: path, logger: Logger(label: "bench"))
        for supplier in 0..<1000 {
            let name = String(300_000_000 + supplier)
            for hour in 0..<720 {
                let time = end - Int64(720 - hour) * 3_600_000_000_000
                for decision in ["allowed", "throttled", "blocked"] {
                    store.count(at: time, supplier: name, product: "dialogporten", decision: decision)
                }
            }
            if supplier % 10 == 0 {
                store.record(.violation(supplier: name, recordedAt: end - 24 * hour, evidence))
                store.record(
                    .standing(
                        supplier: name, at: end - 24 * hour,
                        .init(level: .notice, since: end - 24 * hour, until: nil, isManual: false), reason: nil))
            }
            if supplier % 100 == 99 { store.flush() }
        }
        store.flush()
        FileManager.default.createFile(atPath: ready, contents: nil)
        return store
    }

    Benchmark(
        "store: report over 30 days x 1000 suppliers (read)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 5)
    ) { benchmark in
        let store = try month()
        benchmark.startMeasurement()
        blackHole(try store.report(from: end - 720 * hour, until: end, ladder: ladder))
        benchmark.stopMeasurement()
        store.close()
    }

    Benchmark(
        "store: report over 30 days x 1000 suppliers (read + JSON + HTML)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(30), maxIterations: 5)
    ) { benchmark in
        let store = try month()
        benchmark.startMeasurement()
        let report = try store.report(from: end - 720 * hour, until: end, ladder: ladder)
        blackHole(report.jsonText)
        blackHole(report.html)
        benchmark.stopMeasurement()
        store.close()
    }

    // Each rendering alone, of the report read once beforehand: where the end-to-end time of
    // `portvakt report --format …` goes beyond the read.
    for format in ThrottleReport.Format.allCases {
        Benchmark(
            "report: render 30 days x 1000 suppliers as \(format.rawValue)",
            configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 5)
        ) { benchmark in
            let store = try month()
            let report = try store.report(from: end - 720 * hour, until: end, ladder: ladder)
            store.close()
            benchmark.startMeasurement()
            blackHole(format.render(report))
            benchmark.stopMeasurement()
        }
    }
}
