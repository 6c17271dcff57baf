import Logging
import PortvaktCore
import PortvaktTestSupport
import Synchronization
import Testing

@testable import PortvaktCluster

/// Answers judged across instances against a real Redis: one judge at a time takes every instance's answers,
/// its own without a trip through Redis, each batch in time order; when it stops, another takes over.
@Suite struct SharedEvidenceTests {
    /// What each instance's judge was handed, batch by batch.
    private final class Judged: Sendable {
        let batches = Mutex<[String: [[Int64]]]>([:])

        func times(of instance: String) -> [Int64] { batches.withLock { $0[instance, default: []].flatMap { $0 } } }
        var all: [Int64] { batches.withLock { $0.values.flatMap { $0.flatMap { $0 } } } }
    }

    private static func answer(at time: Int64) -> ObservedAnswer {
        ObservedAnswer(
            time: time, supplier: "312345676", customer: "313999998", method: "GET", host: "platform.tt02.altinn.no",
            target: "/dialogporten/api/v1/enduser/dialogs",
            route: Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search"), status: 200,
            responseDigest: "\"v1\"", isBrowserLike: false)
    }

    private static func evidence(_ instance: String, port: Int, judged: Judged) -> SharedEvidence {
        SharedEvidence(
            host: "127.0.0.1", port: port, instance: instance, interval: .milliseconds(20),
            leaseDuration: .seconds(1), logger: Logger(label: "test")
        ) { answers in judged.batches.withLock { $0[instance, default: []].append(answers.map(\.time)) } }
    }

    @Test func oneJudgeTakesEveryInstancesAnswersEachBatchInTimeOrder() async throws {
        let redis = try await RedisServer.start()
        let judged = Judged()
        let (a, b) = (
            Self.evidence("a", port: redis.port, judged: judged), Self.evidence("b", port: redis.port, judged: judged)
        )
        defer {
            a.shutdown()
            b.shutdown()
        }
        #expect(await eventually { a.isJudge || b.isJudge })
        #expect(a.isJudge != b.isJudge)
        // Out of order and spread over both instances.
        let times: [Int64] = (0..<40).map { ($0 * 7919) % 40 }
        for (index, time) in times.enumerated() { (index.isMultiple(of: 2) ? a : b).send(Self.answer(at: time)) }
        #expect(await eventually { judged.all.count == 40 })
        let judge = a.isJudge ? "a" : "b"
        #expect(judged.times(of: judge).sorted() == Array(0..<40))
        #expect(judged.times(of: judge == "a" ? "b" : "a").isEmpty)
        let batches = judged.batches.withLock { $0[judge] ?? [] }
        #expect(batches.allSatisfy { $0 == $0.sorted() })
    }

    @Test func whenTheJudgeStopsTheOtherTakesOverWithWhatWasLeft() async throws {
        let redis = try await RedisServer.start()
        let judged = Judged()
        let (a, b) = (
            Self.evidence("a", port: redis.port, judged: judged), Self.evidence("b", port: redis.port, judged: judged)
        )
        defer {  // stopping twice is stopping once
            a.shutdown()
            b.shutdown()
        }
        #expect(await eventually { a.isJudge || b.isJudge })
        let (judge, other, otherName) = a.isJudge ? (a, b, "b") : (b, a, "a")
        // What the judge holds when it stops goes to Redis, and the next judge takes it.
        judge.send(Self.answer(at: 1))
        judge.shutdown()
        other.send(Self.answer(at: 2))
        #expect(await eventually { other.isJudge && judged.times(of: otherName).count == 2 })
        #expect(judged.times(of: otherName).sorted() == [1, 2])
    }
}
