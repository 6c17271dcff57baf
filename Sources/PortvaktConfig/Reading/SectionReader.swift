import Yams

/// Reads one YAML mapping as a config section. It hands out values by key, reporting each problem where it sits,
/// and remembers the keys it was asked for: whatever else the mapping holds is then reported as unknown.
final class SectionReader {
    /// Where this section sits, for messages: `upstreams`, `limits[2].match`; empty at the top.
    let path: String
    let mark: Mark?
    let log: ProblemLog
    private let entries: [(name: String, key: Node, value: Node)]
    private var asked: [String] = []

    private init(path: String, mark: Mark?, entries: [(name: String, key: Node, value: Node)], log: ProblemLog) {
        self.path = path
        self.mark = mark
        self.entries = entries
        self.log = log
    }

    /// Reads `node` as a section with `read`, then reports the keys `read` never asked for.
    /// Nil, after reporting, when `node` is not a mapping.
    static func read<T>(_ node: Node, path: String, log: ProblemLog, _ read: (SectionReader) -> T?) -> T? {
        guard let mapping = node.mapping else {
            let subject = path.isEmpty ? "the config" : "'\(path)'"
            log.report("\(subject) must be a mapping of keys to values, found \(node.kindForMessages)", at: node.mark)
            return nil
        }
        let entries = mapping.map { (name: $0.key.scalar?.string ?? "", key: $0.key, value: $0.value) }
        let reader = SectionReader(path: path, mark: node.mark, entries: entries, log: log)
        let value = read(reader)
        reader.reportUnknownKeys()
        return value
    }

    /// The value under `key`; nil when the key is absent or its value empty (`key:` or `key: null`), which both mean
    /// "use the default".
    func node(_ key: String) -> Node? {
        asked.append(key)
        guard let value = entries.first(where: { $0.name == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// Where the value under `key` sits, or the section itself when the key is absent.
    func mark(of key: String) -> Mark? { node(key)?.mark ?? mark }

    func report(_ message: String, at key: String) { log.report(message, at: mark(of: key)) }

    /// The scalar under `key` read with `syntax`; nil when absent or wrong (then reported).
    func scalar<Value>(_ key: String, _ syntax: ScalarSyntax<Value>) -> Value? {
        node(key).flatMap { log.scalar($0, syntax, name: qualified(key)) }
    }

    /// Like `scalar`, and reports a missing key as `missing 'key' in section`.
    func required<Value>(_ key: String, _ syntax: ScalarSyntax<Value>) -> Value? {
        guard node(key) != nil else {
            log.report("missing '\(key)'\(path.isEmpty ? "" : " in \(path)")", at: mark)
            return nil
        }
        return scalar(key, syntax)
    }

    /// One value or a list of them, both read as a list: `jwks: a.json` is `jwks: [a.json]`.
    func scalars<Value>(_ key: String, _ syntax: ScalarSyntax<Value>) -> [Value]? {
        guard let value = node(key) else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        return items.compactMap { log.scalar($0, syntax, name: qualified(key)) }
    }

    /// The path under `key` of a file Portvakt reads (a certificate, a key, a token); reported where it is named
    /// when the log checks named files and it cannot be read.
    func filePath(_ key: String, required: Bool = false) -> String? {
        let path = required ? self.required(key, .text) : scalar(key, .text)
        if let path { log.checkReadable(path, at: mark(of: key)) }
        return path
    }

    /// Like `filePath`, for one path or a list of them.
    func filePaths(_ key: String) -> [String]? {
        guard let value = node(key) else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        return items.compactMap { item in
            let path = log.scalar(item, .text, name: qualified(key))
            if let path { log.checkReadable(path, at: item.mark) }
            return path
        }
    }

    /// The section under `key` read with `read`; nil when absent or wrong.
    func section<T>(_ key: String, _ read: (SectionReader) -> T?) -> T? {
        node(key).flatMap { Self.read($0, path: qualified(key), log: log, read) }
    }

    /// The list of sections under `key`, each item read with `read`; nil when absent, items that fail are left out.
    func list<T>(_ key: String, _ read: (SectionReader) -> T?) -> [T]? {
        guard let value = node(key) else { return nil }
        guard let items = value.sequence else {
            log.report(
                "'\(qualified(key))' must be a list of items starting with '- ', found \(value.kindForMessages)",
                at: value.mark)
            return nil
        }
        return items.enumerated().compactMap { index, item in
            Self.read(item, path: "\(qualified(key))[\(index)]", log: log, read)
        }
    }

    private func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func reportUnknownKeys() {
        for entry in entries where !asked.contains(entry.name) {
            let place = path.isEmpty ? "" : " in \(path)"
            log.report(
                "unknown key '\(entry.name)'\(place)\(didYouMean(entry.name, among: asked))", at: entry.key.mark)
        }
    }
}

extension ProblemLog {
    /// `node` read with `syntax`, or nil after reporting why not; `name` says whose value it is.
    func scalar<Value>(_ node: Node, _ syntax: ScalarSyntax<Value>, name: String) -> Value? {
        guard let text = node.scalar?.string else {
            report("'\(name)' expects a single \(syntax.noun), found \(node.kindForMessages)", at: node.mark)
            return nil
        }
        switch syntax.read(text) {
        case .success(let value): return value
        case .failure(let objection):
            report(syntax.problem(reading: text, objection), at: node.mark)
            return nil
        }
    }
}

extension Node {
    /// Plain `~`, `null` or nothing at all; a quoted `"null"` is text.
    var isNull: Bool {
        guard let scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How a node's shape is named in messages.
    var kindForMessages: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }
}
