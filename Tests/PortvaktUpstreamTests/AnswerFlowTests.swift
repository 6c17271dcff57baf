import Testing

@testable import PortvaktUpstream

@Suite struct AnswerFlowTests {
    @Test func acceptsUntilHighWaterThenPauses() {
        var flow = AnswerFlow(highWater: 100, lowWater: 20)
        let first = flow.receive(60)
        let second = flow.receive(60)  // 60 < 100 in flight: taken, now 120
        #expect([first, second] == [.accept, .accept])
        #expect(flow.bytesInFlight == 120)
        // Refused chunks are not counted: curl keeps them and offers them again.
        let third = flow.receive(10)
        #expect(third == .pause)
        #expect(flow.bytesInFlight == 120)
        #expect(flow.isPaused)
    }

    @Test func staysPausedUntilLowWaterThenResumesOnce() {
        var flow = AnswerFlow(highWater: 100, lowWater: 20)
        _ = flow.receive(100)
        let refused = flow.receive(1)
        let aboveLowWater = flow.written(50)  // 50 in flight
        let reoffered = flow.receive(1)  // still paused
        let atLowWater = flow.written(30)  // 20 in flight
        let afterResume = flow.written(20)
        let accepted = flow.receive(5)
        #expect(refused == .pause)
        #expect(aboveLowWater == .none)
        #expect(reoffered == .pause)
        #expect(atLowWater == .resume)
        #expect(afterResume == .none)
        #expect(accepted == .accept)
        #expect(!flow.isPaused)
    }

    @Test func writesWithoutPauseNeverResume() {
        var flow = AnswerFlow(highWater: 100, lowWater: 20)
        var actions: Set<String> = []
        for _ in 0..<1000 {
            actions.insert("\(flow.receive(10))")
            actions.insert("\(flow.written(10))")
        }
        #expect(actions == ["accept", "none"])
        #expect(flow.bytesInFlight == 0)
    }

    @Test func memoryStaysBoundedForAnyChunkSequence() {
        var flow = AnswerFlow(highWater: 512 * 1024, lowWater: 128 * 1024)
        var generator = SystemRandomNumberGenerator()
        var pendingWrites: [Int] = []
        var maximum = 0
        for _ in 0..<10_000 {
            let chunk = Int.random(in: 1...16_384, using: &generator)
            if flow.receive(chunk) == .accept { pendingWrites.append(chunk) }
            maximum = max(maximum, flow.bytesInFlight)
            if Bool.random(using: &generator), !pendingWrites.isEmpty {
                _ = flow.written(pendingWrites.removeFirst())
            }
        }
        #expect(maximum < 512 * 1024 + 16_384)
    }
}
