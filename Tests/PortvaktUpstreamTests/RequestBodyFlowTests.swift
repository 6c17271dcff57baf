import NIOCore
import Testing

@testable import PortvaktUpstream

@Suite struct RequestBodyFlowTests {
    /// What one curl read callback of up to `max` bytes gets.
    private struct Read: Equatable {
        var result: RequestBodyFlow.ReadResult
        var clientShouldRead = false
        var bytes: [UInt8] = []
    }

    private func read(_ flow: inout RequestBodyFlow, max: Int) -> Read {
        var storage = [UInt8](repeating: 0, count: max)
        let (result, clientShouldRead) = storage.withUnsafeMutableBytes { flow.read(into: $0) }
        guard case .bytes(let count) = result else { return Read(result: result, clientShouldRead: clientShouldRead) }
        return Read(result: result, clientShouldRead: clientShouldRead, bytes: Array(storage[..<count]))
    }

    @Test func pausesWhenEmptyAndResumesOnAppend() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        let empty = read(&flow, max: 50)
        #expect(empty == Read(result: .pause))
        #expect(flow.isUpstreamPaused)
        let first = flow.append(ByteBuffer(bytes: [1, 2, 3]))
        let second = flow.append(ByteBuffer(bytes: [4]))  // resumed already
        #expect([first, second] == [.resumeUpstream, .none])
        let full = read(&flow, max: 50)
        #expect(full == Read(result: .bytes(4), bytes: [1, 2, 3, 4]))
    }

    @Test func copiesAcrossChunksAndKeepsTheRemainder() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        _ = flow.append(ByteBuffer(bytes: [1, 2, 3]))
        _ = flow.append(ByteBuffer(bytes: [4, 5, 6]))
        let first = read(&flow, max: 4)
        #expect(first.bytes == [1, 2, 3, 4])
        #expect(flow.bufferedBytes == 2)
        let second = read(&flow, max: 4)
        #expect(second.bytes == [5, 6])
    }

    @Test func endsOnlyAfterFinishAndDrain() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        _ = flow.append(ByteBuffer(bytes: [9]))
        let finished = flow.finish()
        let last = read(&flow, max: 10)
        let end = read(&flow, max: 10)
        #expect(finished == .none)
        #expect(last.result == .bytes(1))
        #expect(end.result == .end)
    }

    @Test func finishWakesAPausedUpstream() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 10)
        let paused = read(&flow, max: 10)
        let finished = flow.finish()
        let end = read(&flow, max: 10)
        #expect(paused.result == .pause)
        #expect(finished == .resumeUpstream)
        #expect(end.result == .end)
    }

    @Test func holdsTheClientBackAtHighWaterAndReleasesAtLowWater() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 30)
        _ = flow.append(ByteBuffer(repeating: 7, count: 60))
        let belowHighWater = flow.wantsMoreFromClient()
        _ = flow.append(ByteBuffer(repeating: 7, count: 60))
        let atHighWater = flow.wantsMoreFromClient()
        #expect(belowHighWater)
        #expect(!atHighWater)
        #expect(flow.isClientHeldBack)
        let first = read(&flow, max: 50)  // 70 left: still above low water
        let second = read(&flow, max: 50)  // 20 left: read the client again
        let third = read(&flow, max: 50)  // only once
        #expect([first.clientShouldRead, second.clientShouldRead, third.clientShouldRead] == [false, true, false])
        #expect(!flow.isClientHeldBack)
    }

    @Test func noMoreReadsAfterTheEnd() {
        var flow = RequestBodyFlow(highWater: 100, lowWater: 30)
        _ = flow.finish()
        let wantsMore = flow.wantsMoreFromClient()
        #expect(!wantsMore)
    }
}
