import PortvaktTestSupport
import Testing

@testable import PortvaktCluster
@testable import PortvaktCore

/// The lending script in a real Redis: as many tokens as asked, never below half the burst, on the same bucket
/// that requests draw from.
@Suite struct SharedLeaseScriptTests {
    private static let bucket = SharedLimiterRequest.Bucket(
        rule: "hourly", policy: TokenBucketPolicy(burst: 11, count: 11, periodNanoseconds: 3600 * 1_000_000_000)!,
        subject: "312345676")

    private static func lend(_ tokens: Int, on connection: RedisConnection) throws -> (Int, TokenBucketDecision)? {
        let topUp = BucketLeases.TopUp(bucket: Self.bucket, tokens: tokens)
        let call = SharedLeaseScript.call(topUp)
        let reply = try connection.command(
            ["EVAL", SharedLeaseScript.source, String(call.keys.count)] + call.keys + call.arguments)
        return SharedLeaseScript.answer(reply, to: topUp).map { ($0.lent, $0.bucketState) }
    }

    @Test func aBucketLendsWhatIsAskedButKeepsHalfItsBurst() async throws {
        let redis = try await RedisServer.start()
        let connection = try RedisConnection(host: "127.0.0.1", port: redis.port, timeout: .seconds(1))
        // Eleven tokens, six kept: two lent, then three of the four asked for, then none.
        let first = try #require(try Self.lend(2, on: connection))
        #expect(first.0 == 2)
        #expect(first.1.remaining == 9)
        let second = try #require(try Self.lend(4, on: connection))
        #expect(second.0 == 3)
        #expect(second.1.remaining == 6)
        #expect(try Self.lend(1, on: connection)?.0 == 0)

        // Requests draw on the same bucket: six more are allowed, the seventh is not.
        let request = SharedLimiterRequest(
            enforced: [Self.bucket], shadow: [], enforcedRules: [0], isThrottled: false)
        let decide = SharedBucketScript.call(request)
        var allowed = 0
        for _ in 0..<7 {
            let reply = try connection.command(
                ["EVAL", SharedBucketScript.source, String(decide.keys.count)] + decide.keys + decide.arguments)
            if try #require(SharedBucketScript.answer(reply, to: request)).enforced?.isAllowed == true { allowed += 1 }
        }
        #expect(allowed == 6)
    }
}
