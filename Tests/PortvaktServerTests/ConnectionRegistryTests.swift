import NIOEmbedded
import Testing

@testable import PortvaktServer

@Suite struct ConnectionRegistryTests {
    @Test func aConnectionIsTakenBelowTheLimitAndUntilTheDrainBegins() throws {
        let registry = ConnectionRegistry()
        let (first, second, third) = (EmbeddedChannel(), EmbeddedChannel(), EmbeddedChannel())
        #expect(registry.add(first, below: 2))
        #expect(registry.add(second, below: 2))
        #expect(!registry.add(third, below: 2))
        _ = try first.finish()
        first.embeddedEventLoop.run()
        #expect(registry.count == 1)
        // The drain reaches what is open; one accepted after it began is refused, whatever the limit.
        #expect(registry.closeToNewOnes().count == 1)
        #expect(!registry.add(third, below: 10))
        #expect(registry.count == 1)
    }
}
