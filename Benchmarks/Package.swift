// swift-tools-version:6.1
import PackageDescription

// Microbenchmarks (ordo-one/benchmark), kept apart so that Portvakt's users never build the benchmark dependency.
// Run: `swift package benchmark` in this folder (see README.md).
let package = Package(
    name: "PortvaktBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "portvakt", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RouteLookup",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktCore", package: "portvakt"),
            ],
            path: "Benchmarks/RouteLookup",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Limiter",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktCore", package: "portvakt"),
            ],
            path: "Benchmarks/Limiter",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Polling",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktCore", package: "portvakt"),
            ],
            path: "Benchmarks/Polling",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Privacy",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktCore", package: "portvakt"),
            ],
            path: "Benchmarks/Privacy",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Store",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktStore", package: "portvakt"),
                .product(name: "PortvaktReport", package: "portvakt"),
                .product(name: "PortvaktCore", package: "portvakt"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Store",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "HeaderHandling",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktServer", package: "portvakt"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/HeaderHandling",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TokenCache",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortvaktIdentity", package: "portvakt"),
                .product(name: "PortvaktSimulation", package: "portvakt"),
            ],
            path: "Benchmarks/TokenCache",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
