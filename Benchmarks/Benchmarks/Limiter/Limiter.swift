import Benchmark
import Foundation
import PortvaktCore

/// A decision is made on every proxied request, on an event-loop thread: it must be cheap and allocate nothing.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 1000,
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    let start: Int64 = 1_764_100_000_000_000_000
    // A bucket that never refuses, so every decision takes a token (the longer path).
    let roomy = TokenBucketPolicy(burst: 1_000_000_000, count: 1_000_000_000, periodNanoseconds: 1_000_000_000)!

    let hot = ShardedLimiter(capacity: 1024)
    let supplier = LimiterSubject("312345676")
    let oneCheck = [LimiterCheck(rule: 0, subject: supplier, policy: roomy)]
    let twoChecks = oneCheck + [LimiterCheck(rule: 1, subject: supplier, policy: roomy)]
    let customer = (0..<1000).lazy.map { LimiterSubject("31399999\($0)") }
        .first { hot.shard(of: $0) != hot.shard(of: supplier) }!
    let twoShards = oneCheck + [LimiterCheck(rule: 2, subject: customer, policy: roomy)]
    for (name, checks) in [("1 check", oneCheck), ("2 checks", twoChecks), ("2 checks in 2 shards", twoShards)] {
        Benchmark("limiter: hot key, \(name)") { benchmark in
            var now = start
            for _ in benchmark.scaledIterations {
                now += 1000
                blackHole(hot.decide(checks, now: now))
            }
        }
    }

    // A tenth of the keys fits the caches and the TLB's reach: the gap to the million is the cost of memory.
    let filled: [(String, @Sendable () -> FilledLimiter)] = [
        ("1M keys", { FilledLimiter.million }), ("100k keys", { FilledLimiter.hundredThousand }),
    ]
    for (name, limiter) in filled {
        Benchmark("limiter: \(name), random key, 1 check") { benchmark in
            let keys = limiter()
            var position = Int.random(in: 0..<keys.subjects.count)
            var checks = [LimiterCheck(rule: 0, subject: supplier, policy: roomy)]
            var now = start
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                position = position + 1 == keys.subjects.count ? 0 : position + 1
                checks[0] = LimiterCheck(rule: 0, subject: keys.subjects[position], policy: roomy)
                now += 1000
                blackHole(keys.limiter.decide(checks, now: now))
            }
        }
    }

    let bytesPerKey = BenchmarkMetric.custom("bytes per key (table)", useScalingFactor: false)
    let residentBytesPerKey = BenchmarkMetric.custom("bytes per key (RSS growth)", useScalingFactor: false)
    Benchmark(
        "limiter: memory at 1M keys",
        configuration: .init(metrics: [bytesPerKey, residentBytesPerKey], scalingFactor: .one, maxIterations: 1)
    ) { benchmark in
        let keys = FilledLimiter.million
        benchmark.measurement(bytesPerKey, keys.limiter.allocatedBytes / keys.limiter.count)
        benchmark.measurement(residentBytesPerKey, keys.residentGrowthBytes / keys.limiter.count)
    }
}

/// A limiter filled to its capacity (16 shards), built once per process; the subjects in a shuffled order,
/// so that a walk over them touches the entries at random.
struct FilledLimiter: Sendable {
    static let million = FilledLimiter(count: 1_000_000)
    static let hundredThousand = FilledLimiter(count: 100_000)

    let limiter: ShardedLimiter
    let subjects: [LimiterSubject]
    /// How much the process's resident memory grew while the limiter was built and filled.
    let residentGrowthBytes: Int

    init(count: Int) {
        let policy = TokenBucketPolicy(burst: 1_000_000_000, count: 1_000_000_000, periodNanoseconds: 1_000_000_000)!
        // Client ids: 36-character UUIDs, as Maskinporten issues them.
        var subjects = (0..<count).map { _ in LimiterSubject(UUID().uuidString.lowercased()) }
        let before = Self.residentBytes()
        limiter = ShardedLimiter(capacity: count)
        for subject in subjects {
            _ = limiter.decide(
                [LimiterCheck(rule: 0, subject: subject, policy: policy)], now: 1_764_100_000_000_000_000)
        }
        residentGrowthBytes = Self.residentBytes() - before
        subjects.shuffle()
        self.subjects = subjects
        print("limiter: \(limiter.count) keys, \(limiter.allocatedBytes) bytes allocated, RSS +\(residentGrowthBytes)")
    }

    /// VmRSS from /proc/self/statm (Linux), in bytes; 0 where there is no such file.
    private static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
