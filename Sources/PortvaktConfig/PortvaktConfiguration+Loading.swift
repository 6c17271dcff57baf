import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension PortvaktConfiguration {
    /// Reads and parses the file at `path`, and unless told otherwise checks that the files it names (JWKS,
    /// certificate and key, token file, CA file) can be read: a proxy needs them, a replay on another machine
    /// does not. Throws `ConfigError`, also when the file itself cannot be read.
    public static func load(file path: String, checkingNamedFiles: Bool = true) throws -> PortvaktConfiguration {
        try parse(yaml: readText(of: path), file: path, checkingNamedFiles: checkingNamedFiles)
    }

    /// Parses `yaml`, reporting problems against `file`. An empty document is the default config. The files
    /// it names are looked at only with `checkingNamedFiles`. Throws `ConfigError` with every problem found,
    /// in file order.
    public static func parse(
        yaml: String, file: String, checkingNamedFiles: Bool = false
    ) throws -> PortvaktConfiguration {
        let log = ProblemLog(file: file, checksNamedFiles: checkingNamedFiles)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            log.reportSyntax(error)
            throw ConfigError(problems: log.problems)
        }
        guard let root, !root.isNull else { return .default }
        let configuration = SectionReader.read(root, path: "", log: log, Self.init(reading:))
        guard let configuration, log.problems.isEmpty else { throw ConfigError(problems: log.problemsInFileOrder) }
        return configuration
    }

    /// The file's text; POSIX calls rather than Foundation, so the message can say what `errno` said.
    private static func readText(of path: String) throws -> String {
        func failure(_ reason: String) -> ConfigError {
            ConfigError(problems: [ConfigProblem(file: path, line: 1, column: 1, message: reason)])
        }
        guard let file = fopen(path, "rb") else {
            throw failure("cannot read the config file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[..<count]
            if count < chunk.count { break }
        }
        guard ferror(file) == 0 else {
            throw failure("cannot read the config file: \(String(cString: strerror(errno)))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("the config file is not UTF-8 text")
        }
        return text
    }
}

extension ProblemLog {
    /// libyaml's complaint where libyaml found it; it stops at the first.
    func reportSyntax(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            report("YAML syntax error: \(problem)\(during)", at: mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            report("duplicate key \(keys) in one mapping", at: context.mark)
        case .reader(let problem, _, _, _):
            report("YAML reader error: \(problem)", at: nil)
        default:
            report("YAML error: \(error)", at: nil)
        }
    }
}
