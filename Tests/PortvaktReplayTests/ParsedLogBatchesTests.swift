import Foundation
import PortvaktTestSupport
import Testing

@testable import PortvaktReplay

/// On threads of their own: each test waits for the reading thread's batches, which would hold a thread of the
/// cooperative pool meanwhile.
@Suite(.onOwnThreads) struct ParsedLogBatchesTests {
    /// The batches as `forEach` hands them over, with the error it ends with, if any.
    private func batches(
        of lines: [String], batchSize: Int, depth: Int, seriesKeys: SeriesKeys = .reading
    ) throws -> (batches: [ParsedLogBatch], error: ReplayError?) {
        let path = try ReplayFixture.temporaryFile(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var batches: [ParsedLogBatch] = []
        do {
            try ParsedLogBatches.forEach(inFile: path, batchSize: batchSize, depth: depth, seriesKeys: seriesKeys) {
                batches.append($0)
            }
            return (batches, nil)
        } catch {
            return (batches, error)
        }
    }

    /// The log is read on a thread of the replay's own, named for `top -H`, not on one of the few that Swift
    /// concurrency and Dispatch share.
    @Test func theLogIsReadOnANamedThreadOfItsOwn() throws {
        // More lines than the queue holds: the reader is still there, waiting for room, while the first is replayed.
        let lines = (0..<4).map { ReplayFixture.line(at: Double($0), supplier: "312345676") }
        let path = try ReplayFixture.temporaryFile(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var namesWhileReplaying: [[String]] = []
        try ParsedLogBatches.forEach(inFile: path, batchSize: 1, depth: 1) { _ in
            namesWhileReplaying.append(threadNames())
        }
        #expect(namesWhileReplaying.first?.contains("pv-replay-read") == true)
    }

    @Test(arguments: [(1, 1), (3, 1), (3, 2), (7, 8), (2048, 8)])
    func everyRequestInLogOrderWhateverTheBatches(batchSize: Int, depth: Int) throws {
        // Each its own target, some with escapes, so a request given another's bytes would show.
        let lines = (0..<50).map { index in
            ReplayFixture.line(
                at: Double(index), supplier: "31234567\(index % 10)",
                path: "/dialogporten/api/v1/enduser/dialogs/\(index)" + (index % 3 == 0 ? "?q=\"ø\"" : ""))
        }
        let (batches, error) = try batches(of: lines + ["", "  "], batchSize: batchSize, depth: depth)
        #expect(error == nil)
        #expect(batches.allSatisfy { $0.requests.count <= batchSize })
        let expected = try lines.map { line in
            try Array(line.utf8).withUnsafeBufferPointer { try LoggedRequest(jsonLine: $0) }
        }
        #expect(batches.flatMap(\.requests) == expected)
        #expect(batches.flatMap(\.seriesKeys) == expected.map(\.seriesKey))
        #expect(batches.flatMap(\.routes) == expected.map { $0.route(in: .standard) })
        #expect(
            batches.flatMap(\.requests).map(\.path)
                == (0..<50).map { "/dialogporten/api/v1/enduser/dialogs/\($0)" + ($0 % 3 == 0 ? "?q=\"ø\"" : "") })
    }

    @Test func aBadLineEndsTheReplayAfterEveryRequestBeforeIt() throws {
        let good = (0..<10).map { ReplayFixture.line(at: Double($0)) }
        let lines = good + ["{\"time\":\"yesterday\",\"method\":\"GET\",\"path\":\"/\",\"status\":200}"] + good
        let (batches, error) = try batches(of: lines, batchSize: 3, depth: 2)
        #expect(batches.flatMap(\.requests).count == 10)
        guard case .badLine(_, let line, let problem) = error else {
            Issue.record("expected a bad line, got \(String(describing: error))")
            return
        }
        #expect(line == 11)
        #expect(problem == .notATimestamp)
    }

    /// Each read's key beside it, nil for what no series counts (a write, an error); none at all when not asked.
    @Test func eachSuccessfulReadComesWithItsSeriesKey() throws {
        let lines = [
            ReplayFixture.line(at: 0, path: "/dialogporten/api/v1/enduser/dialogs?party=a"),
            ReplayFixture.line(at: 1, method: "POST", path: "/broker/api/v1/filetransfer"),
            ReplayFixture.line(at: 2, path: "/dialogporten/api/v1/enduser/dialogs?party=a", status: 503),
            ReplayFixture.line(at: 3, path: "/dialogporten/api/v1/enduser/dialogs?party=b", status: 304),
        ]
        let keys = try batches(of: lines, batchSize: 3, depth: 2).batches.flatMap(\.seriesKeys)
        #expect(keys.map { $0 != nil } == [true, false, false, true])
        #expect(keys[0] != keys[3])
        let none = try batches(of: lines, batchSize: 3, depth: 2, seriesKeys: .none).batches
        #expect(none.flatMap(\.requests).count == 4)
        #expect(none.allSatisfy { $0.seriesKeys.isEmpty })
    }

    /// Left to the replaying thread when it would otherwise wait: a batch has all its keys or none, and those it
    /// has not are made as the reading thread makes them.
    @Test func keysWhereThereIsTimeAreAllThereOrMadeTheSame() throws {
        let lines = (0..<40).map { index in
            ReplayFixture.line(
                at: Double(index), path: "/dialogporten/api/v1/enduser/dialogs?party=\(index % 7)",
                status: index % 5 == 0 ? 503 : 200)
        }
        let expected = try lines.map { line in
            try Array(line.utf8).withUnsafeBufferPointer { try LoggedRequest(jsonLine: $0).seriesKey }
        }
        let batches = try batches(of: lines, batchSize: 3, depth: 2, seriesKeys: .whereThereIsTime).batches
        #expect(batches.allSatisfy { $0.seriesKeys.isEmpty || $0.seriesKeys.count == $0.requests.count })
        let made = batches.flatMap { batch in
            var batch = batch
            if batch.seriesKeys.isEmpty { batch.makeSeriesKeys() }
            return batch.seriesKeys
        }
        #expect(made == expected)
        var again = batches.first!
        again.makeSeriesKeys()
        #expect(again.seriesKeys == Array(expected.prefix(3)))
    }

    @Test func aMissingFileCannotBeRead() {
        #expect {
            try ParsedLogBatches.forEach(inFile: "/nonexistent/portvakt.jsonl") { _ in }
        } throws: { error in
            if case .cannotRead? = error as? ReplayError { true } else { false }
        }
    }
}
