import NIOCore
import Testing

@testable import PortvaktUpstream

@Suite struct RequestBodyFlowTests {
    private func read(_ flow: inout RequestBodyFlow, max: Int) -> (RequestBodyFlow.ReadResult, Bool, [UInt8]) {
        var storage = [UInt8](repeating: 0, count: max)
        let (result, clientShouldRead) = storage.withUnsafeMutableBytes { flow.read(into: $0) }
        if case .bytes(let count) = result { return (result, clientShouldRead, Array(storage[..<count])) }
        return (result, clientShouldRead, [])
    }

    @Test func pausesWhenEmptyAndResumesOnAppend() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        do { let outcome = read(&flow, max: 50).0; #expect(outcome == .pause) }
        #expect(flow.isUpstreamPaused)
        do { let outcome = flow.append(ByteBuffer(bytes: [1, 2, 3])); #expect(outcome == .resumeUpstream) }
        do { let outcome = flow.append(ByteBuffer(bytes: [4])); #expect(outcome == .none) }  // resumed already
        let (result, _, bytes) = read(&flow, max: 50)
        #expect(result == .bytes(4))
        #expect(bytes == [1, 2, 3, 4])
    }

    @Test func copiesAcrossChunksAndKeepsTheRemainder() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        _ = flow.append(ByteBuffer(bytes: [1, 2, 3]))
        _ = flow.append(ByteBuffer(bytes: [4, 5, 6]))
        do { let outcome = read(&flow, max: 4).2; #expect(outcome == [1, 2, 3, 4]) }
        #expect(flow.bufferedBytes == 2)
        do { let outcome = read(&flow, max: 4).2; #expect(outcome == [5, 6]) }
    }

    @Test func endsOnlyAfterFinishAndDrain() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        _ = flow.append(ByteBuffer(bytes: [9]))
        do { let outcome = flow.finish(); #expect(outcome == .none) }
        do { let outcome = read(&flow, max: 10).0; #expect(outcome == .bytes(1)) }
        do { let outcome = read(&flow, max: 10).0; #expect(outcome == .end) }
    }

    @Test func finishWakesAPausedUpstream() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        do { let outcome = read(&flow, max: 10).0; #expect(outcome == .pause) }
        do { let outcome = flow.finish(); #expect(outcome == .resumeUpstream) }
        do { let outcome = read(&flow, max: 10).0; #expect(outcome == .end) }
    }

    @Test func holdsTheClientBackAtHighWaterAndReleasesAtLowWater() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 30)
        _ = flow.append(ByteBuffer(repeating: 7, count: 60))
        do { let wants = flow.wantsMoreFromClient(); #expect(wants) }
        _ = flow.append(ByteBuffer(repeating: 7, count: 60))
        do { let wants = flow.wantsMoreFromClient(); #expect(!wants) }
        #expect(flow.isClientHeldBack)
        do { let outcome = read(&flow, max: 50).1; #expect(outcome == false) }  // 70 left: still above low water
        do { let outcome = read(&flow, max: 50).1; #expect(outcome == true) }  // 20 left: read the client again
        #expect(!flow.isClientHeldBack)
        do { let outcome = read(&flow, max: 50).1; #expect(outcome == false) }  // only once
    }

    @Test func noMoreReadsAfterTheEnd() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 30)
        _ = flow.finish()
        do { let wants = flow.wantsMoreFromClient(); #expect(!wants) }
    }
}
