// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "portvakt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portvakt", targets: ["portvakt"]),
        .library(name: "PortvaktCore", targets: ["PortvaktCore"]),
        .library(name: "PortvaktServer", targets: ["PortvaktServer"]),
        .library(name: "PortvaktIdentity", targets: ["PortvaktIdentity"]),
        // For the benchmark package: the durable state and the report it fills.
        .library(name: "PortvaktStore", targets: ["PortvaktStore"]),
        .library(name: "PortvaktReport", targets: ["PortvaktReport"]),
        // For the benchmark package, which mints tokens with its `TestTokenIssuer`.
        .library(name: "PortvaktSimulation", targets: ["PortvaktSimulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The durable state: SQLite through GRDB, for its synchronous API (one writer thread, no event loop),
        // WAL databases and migrations.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // TLS on the proxy listener: suppliers connect over HTTPS.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // /metrics: the Prometheus registry and text format.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Tests only: an independent RFC 9651 parser that the RateLimit fields must satisfy.
        .package(url: "https://github.com/apple/swift-http-structured-headers", from: "1.7.0"),
    ],
    targets: [
        // C: libcurl's variadic setters as typed functions, plus epoll and eventfd for the engine thread.
        .target(
            name: "CCurlShim",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // C: hiredis from Debian (libhiredis-dev), the Redis client of the cluster's shared state.
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        // C: SSE2's byte-lane masks, which Swift cannot express, for `replay`'s JSON scanner and the series keys.
        .target(name: "CByteClasses"),
        // C: the compilers' prefetch hint, which Swift cannot express, for the replay's walk over its tables.
        .target(name: "CPrefetch"),
        // C: zlib from Debian (zlib1g-dev), so that `replay` reads gzip-compressed logs as they are.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Shared state between instances in Redis: buckets decided by a Lua script on Redis's clock.
        .target(
            name: "PortvaktCluster",
            dependencies: [
                "CHiredis", "PortvaktCore", "PortvaktThreads", .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Naming the threads the project starts, as `top -H` and `perf` show them.
        .target(name: "PortvaktThreads"),
        // Pure logic, no I/O: route catalogue (and later identity, limiter, detector, ladder).
        .target(name: "PortvaktCore", dependencies: ["CByteClasses", "CPrefetch"]),
        // The YAML config: typed model, parsing with file:line:column errors.
        .target(
            name: "PortvaktConfig",
            dependencies: ["PortvaktCore", .product(name: "Yams", package: "Yams")]
        ),
        // Bearer tokens: JWKS, RS256/ES256 verification, who is supplier and customer, the verified-token cache.
        .target(
            name: "PortvaktIdentity",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The curl engine: one thread, epoll + curl_multi_socket_action, streaming both ways.
        .target(
            name: "PortvaktUpstream",
            dependencies: ["CCurlShim", "PortvaktThreads", .product(name: "NIOCore", package: "swift-nio")]
        ),
        // The access log: records, JSON Lines encoding, the writer thread, response digests.
        .target(
            name: "PortvaktAccessLog",
            dependencies: [
                "PortvaktCore", "PortvaktThreads",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The inbound side: NIO HTTP/1.1 listener and the proxy handler.
        .target(
            name: "PortvaktServer",
            dependencies: [
                "PortvaktCore", "PortvaktConfig", "PortvaktUpstream", "PortvaktAccessLog", "PortvaktIdentity",
                "PortvaktReport", "PortvaktStore", "PortvaktCluster",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A stand-in for the Altinn endpoints on loopback and a small HTTP client: the demo's world and the tests' upstream.
        .target(
            name: "PortvaktSimulation",
            dependencies: [
                "PortvaktCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The throttle report (contract §5): its model, cut-off notices and its JSON, text, CSV and HTML renderings.
        .target(name: "PortvaktReport", dependencies: ["PortvaktCore"]),
        // Durable state in SQLite: sanctions, the violation ledger with its evidence, hourly usage; batched
        // writes on a thread of their own.
        .target(
            name: "PortvaktStore",
            dependencies: [
                "PortvaktCore", "PortvaktReport", "PortvaktThreads", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `portvakt replay`: an access log read line by line and fed through the catalogue and the limits.
        .target(
            name: "PortvaktReplay",
            dependencies: [
                "CByteClasses", "CZlib", "PortvaktCore", "PortvaktConfig", "PortvaktAccessLog", "PortvaktReport",
                "PortvaktThreads",
            ]
        ),
        // `portvakt demo`: the stand-in, the proxy in front of it, simulated suppliers.
        .target(
            name: "PortvaktDemo",
            dependencies: [
                "PortvaktServer", "PortvaktSimulation", "PortvaktConfig", "PortvaktCore", "PortvaktReplay",
                "PortvaktReport",
            ]
        ),
        .executableTarget(
            name: "portvakt",
            dependencies: [
                "PortvaktServer", "PortvaktConfig", "PortvaktDemo", "PortvaktReplay", "PortvaktReport", "PortvaktStore",
                "PortvaktSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PortvaktCoreTests",
            dependencies: [
                "PortvaktCore", "PortvaktTestSupport",
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ]
        ),
        // The command line as operators use it: the built `portvakt` binary, run as a process.
        .testTarget(
            name: "portvaktTests",
            dependencies: [
                "portvakt", "PortvaktSimulation", "PortvaktStore", "PortvaktReport", "PortvaktCore",
                "PortvaktTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "PortvaktConfigTests", dependencies: ["PortvaktConfig", "PortvaktCore"]),
        .testTarget(
            name: "PortvaktIdentityTests",
            dependencies: [
                "PortvaktIdentity", "PortvaktSimulation", "PortvaktTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "PortvaktUpstreamTests",
            dependencies: ["PortvaktUpstream", "PortvaktSimulation", "CCurlShim", "PortvaktTestSupport"]),
        .testTarget(name: "PortvaktAccessLogTests", dependencies: ["PortvaktAccessLog", "PortvaktTestSupport"]),
        // What several test targets need: child processes, a real redis-server started for a test, loopback ports,
        // waiting for another thread, running off Swift's cooperative pool, the process's thread names, token issuers.
        .target(
            name: "PortvaktTestSupport", dependencies: ["CChildSpawn", "PortvaktSimulation", "PortvaktThreads"],
            path: "Tests/PortvaktTestSupport"),
        // posix_spawn for tests' child processes, with what Glibc leaves out without _GNU_SOURCE.
        .target(name: "CChildSpawn", path: "Tests/CChildSpawn"),
        .testTarget(name: "PortvaktTestSupportTests", dependencies: ["PortvaktTestSupport"]),
        .testTarget(name: "PortvaktThreadsTests", dependencies: ["PortvaktThreads", "PortvaktTestSupport"]),
        .testTarget(
            name: "PortvaktClusterTests", dependencies: ["PortvaktCluster", "PortvaktCore", "PortvaktTestSupport"]),
        .testTarget(
            name: "PortvaktReportTests", dependencies: ["PortvaktReport", "PortvaktCore", "PortvaktTestSupport"]),
        .testTarget(
            name: "PortvaktReplayTests",
            dependencies: [
                "PortvaktReplay", "PortvaktReport", "PortvaktCore", "PortvaktConfig", "PortvaktAccessLog",
                "PortvaktTestSupport",
            ]
        ),
        .testTarget(name: "PortvaktSimulationTests", dependencies: ["PortvaktSimulation"]),
        .testTarget(name: "PortvaktStoreTests", dependencies: ["PortvaktStore", "PortvaktCore", "PortvaktReport"]),
        .testTarget(
            name: "PortvaktServerTests",
            dependencies: [
                "PortvaktServer", "PortvaktSimulation", "PortvaktUpstream", "PortvaktAccessLog", "PortvaktCore",
                "PortvaktStore",
                // A replay of the proxy's own log: personal data scrubbed, series still recognisable.
                "PortvaktReplay", "PortvaktTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
