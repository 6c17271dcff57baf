import Benchmark
import NIOHTTP1
import PortvaktServer

/// Header filtering runs twice per request: the client's headers going up, the upstream's coming back.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 1000,
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    let request = HTTPHeaders([
        ("Host", "portvakt.example.no"), ("User-Agent", "supplier-system/4.2"), ("Accept", "application/json"),
        ("Authorization", "Bearer " + String(repeating: "x", count: 900)), ("Accept-Language", "nb"),
        ("Connection", "keep-alive"), ("Ocp-Apim-Subscription-Key", "0123456789abcdef"),
        ("X-Request-Id", "8fa4e8b4-5316-4b7f-b46b-c3b8fdc5feba"), ("Traceparent", "00-0af7651916cd43dd-b7ad6b71-01"),
        ("If-Match", "8fa4e8b4-5316-4b7f-b46b-c3b8fdc5feba"), ("Keep-Alive", "timeout=5"),
        ("Content-Type", "application/json"),
    ])
    let answer: [(name: String, value: String)] = [
        ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", "2048"), ("Connection", "keep-alive"),
        ("Date", "Wed, 25 Nov 2026 19:00:00 GMT"), ("ETag", "\"5d41402abc4b2a76b9719d911017c592\""),
        ("Cache-Control", "no-store"), ("Strict-Transport-Security", "max-age=31536000"),
        ("X-Content-Type-Options", "nosniff"), ("Request-Context", "appId=cid-v1:0123"), ("Keep-Alive", "timeout=5"),
    ]
    Benchmark("forwarding headers: request, 12 headers") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ForwardingHeaders.upstreamRequestHeaders(request, clientAddress: "127.0.0.1", host: "portvakt"))
        }
    }
    Benchmark("forwarding headers: answer, 10 headers") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ForwardingHeaders.clientResponseHeaders(answer))
        }
    }
}
