import Yams

/// Collects the problems found while reading one config file.
final class ProblemLog {
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) {
        self.file = file
    }

    /// Records `message` at `mark`; without a mark (nodes built in code have none) at the top of the file.
    func report(_ message: String, at mark: Mark?) {
        report(message, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func report(_ message: String, line: Int, column: Int) {
        problems.append(ConfigProblem(file: file, line: line, column: column, message: message))
    }

    /// The problems by position, so the operator reads them top to bottom whatever order the checks ran in.
    var problemsInFileOrder: [ConfigProblem] {
        problems.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
    }
}
