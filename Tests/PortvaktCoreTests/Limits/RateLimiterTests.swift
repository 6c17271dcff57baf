import PortvaktCore
import Testing

@Suite struct RateLimiterTests {
    private static let route = Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search")
    private static let party = RequestParty(
        supplier: "312345676", customer: "313999998", clientID: "5c1b0a4e", address: "192.0.2.7")

    private static func limiter(_ rules: [RateLimitRule]) -> RateLimiter {
        RateLimiter(rules: RateLimitRuleSet(rules: rules), capacity: 64)
    }

    private static func rule(_ name: String, burst: Int, count: Int64, seconds: Int64, shadow: Bool = false)
        -> RateLimitRule
    {
        RateLimitRule(
            name: name, key: .supplier,
            policy: LimitsFixture.policy(burst: burst, count: count, period: seconds * LimitsFixture.second),
            shadow: shadow)
    }

    private func decide(_ limiter: RateLimiter, at now: Int64, party: RequestParty = party) -> RateLimitVerdict {
        limiter.decide(route: Self.route, method: "GET", target: "/dialogporten/api/v1", party: party, now: now)
    }

    /// `replay` hands the limiter the target as bytes: the same requests decide alike either way, path globs
    /// included.
    @Test func aTargetGivenAsBytesIsDecidedAsItsString() {
        func limiter() -> RateLimiter {
            RateLimiter(
                rules: RateLimitRuleSet(rules: [
                    RateLimitRule(
                        name: "downloads", match: .init(route: RoutePattern("/broker/api/v1/filetransfer/*/download")),
                        key: .supplier, policy: LimitsFixture.policy(burst: 2, count: 1, period: LimitsFixture.second)),
                    Self.rule("all", burst: 3, count: 1, seconds: 1),
                ]), capacity: 64)
        }
        let (strings, bytes) = (limiter(), limiter())
        let route = Route(product: .broker, name: "broker.filetransfer.download")
        for (index, target) in [
            "/broker/api/v1/filetransfer/f1/download?x=1", "/broker//api/v1/filetransfer/f2/download",
            "/broker/api/v1/filetransfer/f3", "/broker/api/v1/filetransfer/f4/download/",
            "/broker/api/v1/filetransfer/f5/download",
        ].enumerated() {
            let now = Int64(index) * LimitsFixture.second / 10
            var text = target
            let byBytes = text.withUTF8 {
                bytes.decide(route: route, method: "GET", target: $0, party: Self.party, now: now)
            }
            #expect(
                byBytes == strings.decide(route: route, method: "GET", target: target, party: Self.party, now: now),
                "\(target)")
        }
        #expect(!strings.decide(route: route, method: "GET", target: "/x", party: Self.party, now: 0).isAllowed)
    }

    /// `replay` asks only which rules refused: the same requests give the same answers as the verdicts' refusing
    /// rules, enforced and shadow, throttled or not.
    @Test func refusingRulesAgreeWithTheVerdicts() {
        func limiter() -> RateLimiter {
            Self.limiter([
                Self.rule("burst", burst: 3, count: 1, seconds: 1),
                Self.rule("sustained", burst: 5, count: 5, seconds: 60),
                Self.rule("trial", burst: 2, count: 2, seconds: 60, shadow: true),
            ])
        }
        let (verdicts, refusals) = (limiter(), limiter())
        var refusedBy: Set<[String]> = []
        for index in 0..<24 {
            let now = LimitsFixture.start + Int64(index) * LimitsFixture.second / 4
            let isThrottled = index % 5 == 4
            let verdict = verdicts.decide(
                route: Self.route, method: "GET", target: "/dialogporten/api/v1", party: Self.party,
                isThrottled: isThrottled, now: now)
            var target = "/dialogporten/api/v1"
            let answer = target.withUTF8 {
                refusals.refusingRules(
                    route: Self.route, method: "GET", target: $0, party: Self.party, isThrottled: isThrottled, now: now)
            }
            #expect(answer.isAllowed == verdict.isAllowed, "request \(index)")
            #expect(answer.rules == verdict.violatedRules + verdict.shadowRefusals, "request \(index)")
            refusedBy.insert(answer.rules)
        }
        // Allowed, refused by the shadow rule alone, and refused by enforced rules: every kind of answer met.
        #expect(refusedBy.contains([]) && refusedBy.contains(["trial"]) && refusedBy.contains { $0.first == "burst" })
    }

    @Test func theAnswerCarriesTheMostRestrictiveRulesFields() {
        let limiter = Self.limiter([
            Self.rule("sustained", burst: 120, count: 120, seconds: 60),
            Self.rule("burst", burst: 3, count: 1, seconds: 1),
        ])
        let first = decide(limiter, at: LimitsFixture.start)
        #expect(first.isAllowed)
        #expect(first.limiting?.policyField == #""burst";q=1;w=1"#)
        #expect(first.limiting?.rateLimitField == #""burst";r=2;t=1"#)
        _ = decide(limiter, at: LimitsFixture.start)
        _ = decide(limiter, at: LimitsFixture.start)
        let refused = decide(limiter, at: LimitsFixture.start)
        #expect(!refused.isAllowed)
        #expect(refused.violatedRules == ["burst"])
        #expect(refused.retryAfterSeconds == 1)
        #expect(refused.limiting?.rateLimitField == #""burst";r=0;t=3"#)
        // Three seconds on, the burst rule is full again and still the tighter one.
        let later = decide(limiter, at: LimitsFixture.start + 3 * LimitsFixture.second)
        #expect(later.isAllowed)
        #expect(later.limiting?.rateLimitField == #""burst";r=2;t=1"#)
    }

    @Test func everyRefusingRuleIsNamedAndRetryWaitsForTheSlowest() {
        let limiter = Self.limiter([
            Self.rule("per-second", burst: 1, count: 1, seconds: 1),
            Self.rule("per-minute", burst: 1, count: 1, seconds: 60),
        ])
        #expect(decide(limiter, at: LimitsFixture.start).isAllowed)
        let refused = decide(limiter, at: LimitsFixture.start + 1)
        #expect(refused.violatedRules == ["per-second", "per-minute"])
        #expect(refused.retryAfterNanoseconds == 60 * LimitsFixture.second - 1)
        #expect(refused.retryAfterSeconds == 60)
    }

    @Test func shadowRulesCountButNeverRefuseNorAppearInTheFields() {
        let limiter = Self.limiter([
            Self.rule("enforced", burst: 10, count: 10, seconds: 1),
            Self.rule("trial", burst: 2, count: 2, seconds: 60, shadow: true),
        ])
        let verdicts = (0..<4).map { _ in decide(limiter, at: LimitsFixture.start) }
        #expect(verdicts.allSatisfy { $0.isAllowed })
        #expect(verdicts.map(\.shadowRefusals) == [[], [], ["trial"], ["trial"]])
        #expect(verdicts.allSatisfy { $0.limiting?.policyField == #""enforced";q=10;w=1"# })
        #expect(verdicts.last?.limiting?.rateLimitField == #""enforced";r=6;t=1"#)
    }

    @Test func aRequestNoRuleMatchesIsUnlimited() {
        let limiter = RateLimiter(
            rules: RateLimitRuleSet(rules: [
                RateLimitRule(
                    name: "broker", match: .init(product: .broker), key: .supplier,
                    policy: LimitsFixture.policy(burst: 1, count: 1, period: LimitsFixture.second))
            ]), capacity: 8)
        #expect(decide(limiter, at: LimitsFixture.start) == .unlimited)
        #expect(decide(limiter, at: LimitsFixture.start) == .unlimited)
    }

    /// Different suppliers draw from different buckets; requests without a token share their address's.
    @Test func bucketsAreKeptApartBySubject() {
        let limiter = Self.limiter([Self.rule("one", burst: 1, count: 1, seconds: 60)])
        var other = Self.party
        other.supplier = "313999998"
        #expect(decide(limiter, at: LimitsFixture.start).isAllowed)
        #expect(!decide(limiter, at: LimitsFixture.start).isAllowed)
        #expect(decide(limiter, at: LimitsFixture.start, party: other).isAllowed)
        #expect(decide(limiter, at: LimitsFixture.start, party: .anonymous(address: "192.0.2.7")).isAllowed)
        #expect(!decide(limiter, at: LimitsFixture.start, party: .anonymous(address: "192.0.2.7")).isAllowed)
        #expect(decide(limiter, at: LimitsFixture.start, party: .anonymous(address: "192.0.2.8")).isAllowed)
    }

    /// A throttled supplier gets a quarter of each limit, in buckets of its own, and the fields say so.
    @Test func aThrottledSupplierHasAQuarterOfEachLimit() {
        let limiter = Self.limiter([Self.rule("minute", burst: 8, count: 8, seconds: 60)])
        func throttled() -> RateLimitVerdict {
            limiter.decide(
                route: Self.route, method: "GET", target: "/dialogporten/api/v1", party: Self.party,
                isThrottled: true, now: LimitsFixture.start)
        }
        let verdicts = (0..<3).map { _ in throttled() }
        #expect(verdicts.map(\.isAllowed) == [true, true, false])
        #expect(verdicts[0].limiting?.policyField == #""minute";q=2;w=60"#)
        #expect(verdicts[2].violatedRules == ["minute"])
        #expect(verdicts[2].retryAfterSeconds == 30)
        // The supplier's own bucket under the full limit is untouched.
        let normal = decide(limiter, at: LimitsFixture.start)
        #expect(normal.limiting?.policyField == #""minute";q=8;w=60"#)
        #expect(normal.limiting?.decision.remaining == 7)
    }

    @Test(
        arguments: [(10, 40, 0.25, 2, 10), (1, 1, 0.25, 1, 1), (120, 120, 0.5, 60, 60)]
            as [(Int, Int64, Double, Int, Int64)])
    func scalingKeepsAtLeastOneToken(burst: Int, count: Int64, factor: Double, scaledBurst: Int, scaledCount: Int64) {
        let scaled = LimitsFixture.policy(burst: burst, count: count, period: LimitsFixture.second).scaled(by: factor)
        #expect(scaled.burst == scaledBurst)
        #expect(scaled.count == scaledCount)
        #expect(scaled.periodNanoseconds == LimitsFixture.second)
    }

    /// A reload keeps the buckets of the rules whose name, key and policy stayed; a changed or new rule starts full.
    @Test func aReloadedLimiterKeepsTheBucketsOfUnchangedRules() {
        let before = Self.limiter([
            Self.rule("kept", burst: 2, count: 1, seconds: 60),
            Self.rule("reshaped", burst: 2, count: 1, seconds: 60),
        ])
        _ = decide(before, at: LimitsFixture.start)
        _ = decide(before, at: LimitsFixture.start)
        #expect(decide(before, at: LimitsFixture.start).violatedRules == ["kept", "reshaped"])

        let after = RateLimiter(
            rules: RateLimitRuleSet(rules: [
                Self.rule("added", burst: 5, count: 5, seconds: 60),
                Self.rule("reshaped", burst: 3, count: 1, seconds: 60),
                Self.rule("kept", burst: 2, count: 1, seconds: 60),
            ]), carryingOver: before)
        let refused = decide(after, at: LimitsFixture.start)
        #expect(refused.violatedRules == ["kept"])
        // The old limiter, still deciding for requests in flight, sees the same bucket.
        #expect(decide(before, at: LimitsFixture.start).violatedRules == ["kept", "reshaped"])
        // After a minute `kept` has one token again; the fresh buckets of the others were never touched.
        let minuteOn = decide(after, at: LimitsFixture.start + 60 * LimitsFixture.second)
        #expect(minuteOn.isAllowed)
        #expect(decide(after, at: LimitsFixture.start + 60 * LimitsFixture.second).violatedRules == ["kept"])
    }

    /// A throttled supplier's buckets stay with the rule while the factor gives the same policy.
    @Test(arguments: [(0.5, true), (0.25, false)])
    func throttledBucketsSurviveAReloadOnlyUnderTheSameFactor(factor: Double, kept: Bool) {
        let rules = RateLimitRuleSet(rules: [Self.rule("sustained", burst: 4, count: 4, seconds: 60)])
        let before = RateLimiter(rules: rules, capacity: 64, throttleFactor: 0.5)
        let throttled = { (limiter: RateLimiter) in
            limiter.decide(
                route: Self.route, method: "GET", target: "/dialogporten/api/v1", party: Self.party,
                isThrottled: true, now: LimitsFixture.start)
        }
        #expect(throttled(before).isAllowed)
        #expect(throttled(before).isAllowed)
        #expect(!throttled(before).isAllowed)
        let after = RateLimiter(rules: rules, throttleFactor: factor, carryingOver: before)
        #expect(throttled(after).isAllowed == !kept)
        // The supplier's own (unthrottled) bucket was never drawn from.
        #expect(decide(after, at: LimitsFixture.start).isAllowed)
    }
}
