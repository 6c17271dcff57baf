import Testing

@testable import PortvaktConfig

@Suite struct ProblemLogTests {
    @Test func sortsProblemsByPositionKeepingTheOrderOfTies() {
        let log = ProblemLog(file: "f.yaml")
        log.report("late", line: 5, column: 1)
        log.report("early", line: 2, column: 9)
        log.report("earliest", line: 2, column: 3)
        log.report("earliest, second", line: 2, column: 3)
        #expect(log.problemsInFileOrder.map(\.message) == ["earliest", "earliest, second", "early", "late"])
    }

    @Test func reportsAtTheTopWithoutAMark() {
        let log = ProblemLog(file: "f.yaml")
        log.report("somewhere", at: nil)
        #expect(log.problems.map(\.description) == ["f.yaml:1:1: somewhere"])
    }
}
