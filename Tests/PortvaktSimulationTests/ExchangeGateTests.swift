import NIOConcurrencyHelpers
import Testing

@testable import PortvaktSimulation

@Suite struct ExchangeGateTests {
    @Test func letsOneHolderInAtATime() async throws {
        let gate = ExchangeGate()
        let holders = NIOLockedValueBox((now: 0, most: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await gate.withGate {
                        holders.withLockedValue {
                            $0.now += 1; $0.most = max($0.most, $0.now)
                        }
                        try await Task.sleep(for: .milliseconds(1))
                        holders.withLockedValue { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(holders.withLockedValue { $0.most } == 1)
    }
}
