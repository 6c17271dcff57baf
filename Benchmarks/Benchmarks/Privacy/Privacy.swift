import Benchmark
import PortvaktCore

/// Every text field of every access log record goes through the scrubber: one with no identity number in it
/// must cost a scan and nothing else (no allocation).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 1000,
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    let scrubber = IdentityNumberScrubber { "fnr:" + String($0.count) }
    let texts: [(String, String)] = [
        (
            "organisation party",
            "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998"
        ),
        (
            "app path with ids",
            "/ttd/skattemelding/instances/50015641/8fa4e8b4-5316-4b7f-b46b-c3b8fdc5feba/process/next?t=20261124060000"
        ),
        ("response digest", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        (
            "person party (encoded)",
            "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3A03864299708"
        ),
    ]
    for (name, text) in texts {
        Benchmark("scrub: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(scrubber.scrubbed(text))
            }
        }
    }
}
