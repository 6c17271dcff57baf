import Foundation
import PortvaktConfig
import PortvaktIdentity

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

    /// A key file of `identity.jwks` that cannot be used, said so that the operator can act on it. The default
    /// (the repository's test key, a relative path) is named as the default, with the directory it was looked
    /// for in: a config without `identity` run from elsewhere would otherwise name a file it never mentions.
    func identityProblem(_ error: JSONWebKeySetError) -> String {
        guard identity.jwks == Identity.default.jwks, error.source == Identity.default.jwks.first else {
            return "identity.jwks: \(error)"
        }
        return "identity.jwks: \(error) (the default, the repository's test key, looked for in "
            + "\(FileManager.default.currentDirectoryPath)); name your token issuers' keys in identity.jwks"
    }
}
