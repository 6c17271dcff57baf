/// One thing wrong with a config file, where an editor can jump to it.
public struct ConfigProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in Unicode scalars as libyaml counts them.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`, the form compilers use, so editors and CI annotate the right spot.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in a config file, in file order; thrown by `PortvaktConfiguration.load` and `parse`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
