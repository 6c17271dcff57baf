import Testing

@testable import PortvaktConfig

@Suite struct ConfigProblemTests {
    @Test func describesItselfAsFileLineColumnMessage() {
        let problem = ConfigProblem(file: "a.yaml", line: 3, column: 7, message: "bad")
        #expect(problem.description == "a.yaml:3:7: bad")
    }

    @Test func errorListsOneProblemPerLine() {
        let error = ConfigError(problems: [
            ConfigProblem(file: "a.yaml", line: 1, column: 1, message: "one"),
            ConfigProblem(file: "a.yaml", line: 2, column: 3, message: "two"),
        ])
        #expect(error.description == "a.yaml:1:1: one\na.yaml:2:3: two")
    }
}
