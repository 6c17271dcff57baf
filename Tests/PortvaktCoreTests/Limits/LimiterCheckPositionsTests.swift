import PortvaktCore
import Testing

@Suite struct LimiterCheckPositionsTests {

    @Test func holdsPositionsUpTo63InAscendingOrder() {
        var positions: LimiterCheckPositions = [63, 5, 0]
        #expect(!positions.isEmpty && positions.count == 3)
        #expect(Array(positions) == [0, 5, 63])
        #expect(positions.contains(5) && !positions.contains(6) && !positions.contains(64) && !positions.contains(-1))
        positions.insert(5)
        #expect(positions.count == 3)
        #expect(LimiterCheckPositions().isEmpty)
        #expect(Array(LimiterCheckPositions()) == [])
    }
}
