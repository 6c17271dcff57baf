import Testing

@testable import PortvaktConfig

@Suite struct StateTests {
    @Test func readsThePath() throws {
        #expect(PortvaktConfiguration.State.default.path == "var/portvakt.sqlite")
        #expect(
            try parsed("state: { path: /var/lib/portvakt/state.sqlite }").state.path == "/var/lib/portvakt/state.sqlite"
        )
        #expect(problems("state: { path: '' }") == ["portvakt.yaml:1:16: invalid text '': must not be empty"])
    }
}
