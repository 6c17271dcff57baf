import Logging
import PortvaktCore
import PortvaktTestSupport
import Synchronization
import Testing

@testable import PortvaktCluster

/// The shared buckets against a real Redis: one burst for every instance, all-or-nothing across rules, the
/// RateLimit numbers, and what happens while Redis is gone and after it is back.
@Suite struct SharedBucketsTests {
    private static let route = Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search")
    private static let party = RequestParty(
        supplier: "312345676", customer: "313999998", clientID: "5c1b0a4e", address: "192.0.2.7")

    private static func limiter(_ rules: [(String, Int, Int64, Int64)]) -> RateLimiter {
        RateLimiter(
            rules: RateLimitRuleSet(
                rules: rules.map { name, burst, count, seconds in
                    RateLimitRule(
                        name: name, key: .supplier,
                        policy: TokenBucketPolicy(
                            burst: burst, count: count, periodNanoseconds: seconds * 1_000_000_000)!)
                }), capacity: 64)
    }

    private static func request(_ limiter: RateLimiter) -> SharedLimiterRequest {
        limiter.sharedRequest(route: Self.route, method: "GET", target: "/dialogporten/api/v1", party: Self.party)!
    }

    private static func buckets(
        _ port: Int, timeout: Duration = .milliseconds(250), leasingTo instances: Int? = nil
    ) -> SharedBuckets {
        SharedBuckets(
            host: "127.0.0.1", port: port, timeout: timeout, retryInterval: .seconds(2), leasingTo: instances,
            logger: Logger(label: "test"))
    }

    /// As the proxy asks: from the leases when they can answer, else from Redis.
    private static func verdict(_ buckets: SharedBuckets, _ limiter: RateLimiter) async -> RateLimitVerdict? {
        let request = Self.request(limiter)
        var answer = buckets.leasedAnswer(for: request)
        if answer == nil {
            answer = await withCheckedContinuation { continuation in
                buckets.decide(request) { continuation.resume(returning: $0) }
            }
        }
        guard case .decided(let enforced, let shadowAllowed) = answer else { return nil }
        return limiter.verdict(on: request, enforced: enforced, shadowAllowed: shadowAllowed)
    }

    @Test func threeInstancesFiringAtOnceShareOneBurst() async throws {
        let redis = try await RedisServer.start()
        let limiter = Self.limiter([("burst", 10, 10, 60)])
        let instances = (0..<3).map { _ in Self.buckets(redis.port) }
        defer { instances.forEach { $0.shutdown() } }
        let verdicts = await withTaskGroup(of: RateLimitVerdict?.self) { group in
            for instance in instances {
                for _ in 0..<20 { group.addTask { await Self.verdict(instance, limiter) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(verdicts.count == 60)
        #expect(verdicts.allSatisfy { $0 != nil })
        #expect(verdicts.filter { $0?.isAllowed == true }.count == 10)
        // Fewer round trips than requests: waiting requests travel together.
        let roundTrips = instances.map(\.counts.roundTrips).reduce(0, +)
        #expect(roundTrips <= 60)
    }

    /// 240 tokens an hour, so none come back during the test; three instances, leases of at most ten tokens.
    @Test func leasesTakeMostRequestsOffRedisAndTheGlobalBurstHolds() async throws {
        let redis = try await RedisServer.start()
        let limiter = Self.limiter([("hourly", 240, 240, 3600)])
        let instances = (0..<3).map { _ in Self.buckets(redis.port, leasingTo: 3) }
        defer { instances.forEach { $0.shutdown() } }
        let allowed = await withTaskGroup(of: Int.self) { group in
            for instance in instances {
                group.addTask {
                    var allowed = 0
                    for _ in 0..<150 where await Self.verdict(instance, limiter)?.isAllowed == true { allowed += 1 }
                    return allowed
                }
            }
            return await group.reduce(0, +)
        }
        // Every token comes from Redis, so never more than the burst; at most 3 × 10 may sit unspent in leases.
        #expect(allowed <= 240)
        #expect(allowed >= 240 - 30)
        let counts = instances.map(\.counts)
        let leased = counts.map(\.leased).reduce(0, +)
        #expect(leased > 0)
        #expect(leased <= counts.map(\.lentTokens).reduce(0, +))
        #expect(counts.map(\.decided).reduce(0, +) + leased == 450)
        // Near the limit (under half the burst) nothing is lent: those requests were decided in Redis.
        #expect(counts.map(\.decided).reduce(0, +) >= 120)
    }

    @Test func withoutLeasesEveryRequestIsDecidedInRedis() async throws {
        let redis = try await RedisServer.start()
        let limiter = Self.limiter([("hourly", 240, 240, 3600)])
        let buckets = Self.buckets(redis.port)
        defer { buckets.shutdown() }
        for _ in 0..<20 { #expect(await Self.verdict(buckets, limiter)?.isAllowed == true) }
        #expect(buckets.counts.leased == 0)
        #expect(buckets.counts.decided == 20)
    }

    @Test func aRefusalTakesNoTokenFromTheOtherRulesAndTheFieldsCountDown() async throws {
        let redis = try await RedisServer.start()
        let limiter = Self.limiter([("minute", 5, 5, 60), ("hour", 2, 2, 3600)])
        let buckets = Self.buckets(redis.port)
        defer { buckets.shutdown() }
        let first = try #require(await Self.verdict(buckets, limiter))
        #expect(first.isAllowed)
        #expect(first.limiting?.rule == "hour")
        #expect(first.limiting?.decision.remaining == 1)
        _ = await Self.verdict(buckets, limiter)
        let refused = try #require(await Self.verdict(buckets, limiter))
        #expect(!refused.isAllowed)
        #expect(refused.violatedRules == ["hour"])
        // An hour's token, less the seconds this test has taken so far (a loaded machine is slow).
        #expect((1770...1800).contains(refused.retryAfterSeconds))
        // `minute` gave two tokens, not three: its bucket still holds three.
        let minuteOnly = Self.limiter([("minute", 5, 5, 60)])
        #expect(try #require(await Self.verdict(buckets, minuteOnly)).limiting?.decision.remaining == 2)
    }

    @Test func whileRedisIsGoneRequestsAreUnavailableAtOnceAndSharingResumesWhenItIsBack() async throws {
        let redis = try await RedisServer.start()
        let limiter = Self.limiter([("burst", 100, 100, 60)])
        let buckets = Self.buckets(redis.port)
        defer { buckets.shutdown() }
        #expect(await Self.verdict(buckets, limiter)?.isAllowed == true)

        redis.stop()
        let started = ContinuousClock.now
        for _ in 0..<5 { #expect(await Self.verdict(buckets, limiter) == nil) }
        // No request waits out a connection attempt after the first, nor the retry interval: five waiting 2 s each
        // would take 10 s. (A loaded machine once took 5.4 s for the five.)
        #expect(ContinuousClock.now - started < .seconds(9))
        #expect(!buckets.isReachable)
        #expect(buckets.counts.outages == 1)

        let back = try await RedisServer.start(port: redis.port)
        var resumed = false
        for _ in 0..<120 where !resumed {
            resumed = await Self.verdict(buckets, limiter)?.isAllowed == true
            if !resumed { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(resumed)
        #expect(buckets.isReachable)
        #expect(buckets.counts.outages == 1)
        back.stop()
    }

    @Test func aScriptRedisForgotIsLoadedAgain() async throws {
        let redis = try await RedisServer.start()
        let limiter = Self.limiter([("burst", 3, 3, 60)])
        let buckets = Self.buckets(redis.port)
        defer { buckets.shutdown() }
        #expect(await Self.verdict(buckets, limiter)?.limiting?.decision.remaining == 2)
        _ = try RedisConnection(host: "127.0.0.1", port: redis.port, timeout: .seconds(1)).command(["SCRIPT", "FLUSH"])
        #expect(await Self.verdict(buckets, limiter)?.limiting?.decision.remaining == 1)
    }
}
