import PortvaktCore
import Testing

@Suite struct MaintenanceScheduleTests {
    @Test func aWindowHoldsItsProductFromItsStartUntilJustBeforeItsEnd() {
        let schedule = MaintenanceSchedule([
            .init(product: .broker, from: 100, until: 200), .init(product: .dialogporten, from: 150, until: 300),
        ])
        #expect(schedule.end(for: .broker, at: 99) == nil)
        #expect(schedule.end(for: .broker, at: 100) == 200)
        #expect(schedule.end(for: .broker, at: 199) == 200)
        #expect(schedule.end(for: .broker, at: 200) == nil)
        #expect(schedule.end(for: .dialogporten, at: 160) == 300)
        #expect(schedule.end(for: .events, at: 160) == nil)
    }
}
