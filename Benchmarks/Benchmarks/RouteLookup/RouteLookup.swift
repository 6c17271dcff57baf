import Benchmark
import PortvaktCore

/// The catalogue is consulted on every request: it must be cheap and allocate nothing.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 1000,
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    let catalogue = RouteCatalogue()
    let targets: [(String, RequestMethod, String)] = [
        (
            "dialogporten search", .get,
            "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998"
        ),
        ("broker tus patch", .patch, "/broker/api/v1/filetransfer/upload/tus/8fa4e8b4-5316-4b7f-b46b-c3b8fdc5feba"),
        (
            "apps process next", .put,
            "/ttd/skattemelding/instances/50015641/8fa4e8b4-5316-4b7f-b46b-c3b8fdc5feba/process/next"
        ),
        ("unknown path", .get, "/favicon.ico"),
    ]
    for (name, method, target) in targets {
        Benchmark("route lookup: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(catalogue.route(host: nil, method: method, target: target))
            }
        }
    }
}
