import Testing

@testable import PortvaktSimulation

@Suite struct DeterministicUUIDTests {
    @Test func isStableAndVersion4Shaped() {
        let id = DeterministicUUID.make("dialog-1")
        #expect(id == DeterministicUUID.make("dialog-1"))
        #expect(id != DeterministicUUID.make("dialog-2"))
        let parts = id.split(separator: "-")
        #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
        #expect(parts[2].first == "4")
        #expect(["8", "9", "a", "b"].contains(parts[3].first))
    }
}
