import PortvaktTestSupport
import Testing

@testable import PortvaktCore

/// The limiter matches path globs on the target's segments found in place (`PathSegments`); these check it
/// against the segment arrays it replaced, on every pattern and path of a small alphabet.
@Suite struct RoutePatternBytesTests {
    /// A deterministic generator (SplitMix64), so a failure reproduces.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func bytesMatch(_ pattern: RoutePattern, name: String, target: String) -> Bool {
        var target = target
        return target.withUTF8 { bytes in
            PathSegments.with(pathOf: bytes) { pattern.matches(routeName: name, segments: $0) }
        }
    }

    @Test(.onOwnThreads) func pathGlobsMatchAsTheSegmentArraysDid() {
        var random = SplitMix(state: 42)
        // Segments longer than a word too, so that slashes fall in every lane of the words read.
        let patternSegments = ["a", "b", "ab", "*", "**", "segment-9b"]
        let pathSegments = ["a", "b", "ab", "", "ba", "segment-9b", "segment-9c"]
        for _ in 0..<20_000 {
            let pattern = RoutePattern(
                "/"
                    + (0..<Int.random(in: 0...5, using: &random)).map { _ in
                        patternSegments.randomElement(using: &random)!
                    }
                    .joined(separator: "/"))
            var target =
                "/"
                + (0..<Int.random(in: 0...6, using: &random)).map { _ in pathSegments.randomElement(using: &random)! }
                .joined(separator: "/")
            if Bool.random(using: &random) { target += "/" }
            if Bool.random(using: &random) { target += "?q=a/b" }
            let expected = pattern.matches(
                routeName: "x", pathSegments: RoutePattern.pathSegments(of: Substring(target)))
            #expect(bytesMatch(pattern, name: "x", target: target) == expected, "\(pattern) on \(target)")
            // The rule set turns a path of the wrong length away before reading it (`fixedPathSegmentCount`).
            let rules = RateLimitRuleSet(rules: [
                RateLimitRule(
                    name: "r", match: .init(route: pattern), key: .supplier,
                    policy: LimitsFixture.policy(burst: 1, count: 1, period: LimitsFixture.second), shadow: false)
            ])
            let matching = rules.matchingRules(
                route: Route(product: .broker, name: "x"), method: "GET", target: target, supplier: "1")
            #expect(matching == (expected ? [0] : []), "\(pattern) on \(target) in a rule set")
        }
    }

    @Test(arguments: ["broker.filetransfer.status", "broker.*", "*.status", "b*r.f*.s*s", "dialogporten.*", "*"])
    func routeNamesMatchAsBefore(pattern: String) {
        let name = "broker.filetransfer.status"
        let expected = RoutePattern(pattern).matches(routeName: name, pathSegments: [])
        #expect(bytesMatch(RoutePattern(pattern), name: name, target: "/any") == expected)
    }
}
