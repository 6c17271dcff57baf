import Testing

@testable import PortvaktUpstream

@Suite struct AnswerFlowTests {
    @Test func acceptsUntilHighWaterThenPauses() {
        var flow = AnswerFlow(highWater: 100, lowWater: 20)
        do { let outcome = flow.receive(60); #expect(outcome == .accept) }
        do { let outcome = flow.receive(60); #expect(outcome == .accept) }  // 60 < 100: taken, now 120 in flight
        #expect(flow.bytesInFlight == 120)
        // Refused chunks are not counted: curl keeps them and offers them again.
        do { let outcome = flow.receive(10); #expect(outcome == .pause) }
        #expect(flow.bytesInFlight == 120)
        #expect(flow.isPaused)
    }

    @Test func staysPausedUntilLowWaterThenResumesOnce() {
        var flow = AnswerFlow(highWater: 100, lowWater: 20)
        _ = flow.receive(100)
        do { let outcome = flow.receive(1); #expect(outcome == .pause) }
        do { let outcome = flow.written(50); #expect(outcome == .none) }  // 50 in flight, above low water
        do { let outcome = flow.receive(1); #expect(outcome == .pause) }  // a re-offer while paused stays refused
        do { let outcome = flow.written(30); #expect(outcome == .resume) }  // 20 in flight: at low water
        #expect(!flow.isPaused)
        do { let outcome = flow.written(20); #expect(outcome == .none) }  // resumed already: no second resume
        do { let outcome = flow.receive(5); #expect(outcome == .accept) }
    }

    @Test func writesWithoutPauseNeverResume() {
        var flow = AnswerFlow(highWater: 100, lowWater: 20)
        for _ in 0..<1000 {
            do { let outcome = flow.receive(10); #expect(outcome == .accept) }
            do { let outcome = flow.written(10); #expect(outcome == .none) }
        }
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
