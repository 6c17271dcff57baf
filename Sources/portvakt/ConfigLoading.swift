import PortvaktConfig

extension PortvaktConfiguration {
    /// Loads `path` for a command; every problem goes to stderr as `FILE:LINE:COLUMN: message`. The files the
    /// config names are checked unless the command only reads the config (`replay`, `report`).
    static func loadForCommand(_ path: String, checkingNamedFiles: Bool = true) throws -> PortvaktConfiguration {
        do {
            return try PortvaktConfiguration.load(file: path, checkingNamedFiles: checkingNamedFiles)
        } catch let error as ConfigError {
            for problem in error.problems { printToStandardError(problem.description) }
            let count = error.problems.count
            throw CommandFailure(reason: "\(path): \(count) problem\(count == 1 ? "" : "s") in the config")
        }
    }
}
