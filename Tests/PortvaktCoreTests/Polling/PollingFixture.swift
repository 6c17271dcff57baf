import PortvaktCore

/// A detector fed one supplier's reads, in seconds from a start, with the contract's default thresholds.
struct PollingFixture {
    static let second: Int64 = 1_000_000_000
    static let start: Int64 = 1_795_500_000 * second
    static let search = Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search")
    static let dialogs =
        "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aorganization%3Aidentifier-no%3A313999998"

    var detector: PollingDetector

    init(thresholds: PollingThresholds = .default, capacity: Int = 1024) {
        detector = PollingDetector(thresholds: thresholds, capacity: capacity)
    }

    @discardableResult
    mutating func read(
        at seconds: Double, target: String = Self.dialogs, method: RequestMethod = .get, status: Int = 200,
        digest: String? = "same", supplier: String = "312345676", customer: String? = "313999998",
        route: Route = Self.search
    ) -> PollingVerdict {
        detector.observe(
            time: Self.start + Int64(seconds * 1e9), supplier: supplier, customer: customer, method: method,
            host: "platform.tt02.altinn.no", target: target, route: route, status: status, responseDigest: digest)
    }

    /// `count` reads `every` seconds apart from `offset`, each answered with `digest(index)`.
    mutating func reads(
        _ count: Int, every seconds: Double, from offset: Double = 0, target: (Int) -> String = { _ in Self.dialogs },
        digest: (Int) -> String? = { _ in "same" }
    ) {
        for index in 0..<count {
            read(at: offset + Double(index) * seconds, target: target(index), digest: digest(index))
        }
    }

    var isPolling: Bool { !detector.violations.isEmpty }
}
