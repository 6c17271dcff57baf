/// Why `replay` could not read its log; the description is the one line the command prints.
public enum ReplayError: Error, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    /// `line` counts from 1, empty lines included, as editors do.
    case badLine(path: String, line: Int, problem: LogLineProblem)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "\(path): cannot read: \(reason)"
        case .badLine(let path, let line, let problem): "\(path):\(line): \(problem)"
        }
    }
}
