import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects the problems found while reading one config file.
final class ProblemLog {
    let file: String
    /// Whether the files the config names (keys, certificates, tokens) are checked for being readable: when it
    /// was loaded from disk to be used, not when text is only parsed.
    let checksNamedFiles: Bool
    private(set) var problems: [ConfigProblem] = []

    init(file: String, checksNamedFiles: Bool = false) {
        self.file = file
        self.checksNamedFiles = checksNamedFiles
    }

    /// Reports, at `mark`, a named file that cannot be read, with the system's reason.
    func checkReadable(_ path: String, at mark: Mark?) {
        guard checksNamedFiles, access(path, R_OK) != 0 else { return }
        report("cannot read '\(path)': \(String(cString: strerror(errno)))", at: mark)
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
