import Testing

@testable import PortvaktConfig

@Suite struct ProductNamesTests {
    @Test func listsPortvaktCoresProducts() {
        #expect(
            PortvaktConfiguration.productNames == [
                "dialogporten", "correspondence", "broker", "events", "storage", "apps", "authentication", "unknown",
            ])
    }
}
