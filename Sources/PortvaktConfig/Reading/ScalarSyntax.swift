import PortvaktCore

/// How to read one kind of scalar value: the value, or why the text is not one.
struct ScalarSyntax<Value> {
    /// What the value is, as in `invalid NOUN 'TEXT': …` and `expects a single NOUN`.
    let noun: String
    let read: (String) -> Result<Value, Objection>

    init(noun: String, read: @escaping (String) -> Result<Value, Objection>) {
        self.noun = noun
        self.read = read
    }

    /// A syntax that says `hint` about any text `parse` refuses.
    init(noun: String, hint: String, parse: @escaping (String) -> Value?) {
        self.init(noun: noun) { parse($0).map { .success($0) } ?? .failure(Objection(hint)) }
    }

    /// The same syntax, further refusing values that break `rule`, saying `must be RULE` when they do.
    func requiring(_ rule: String, _ isAllowed: @escaping (Value) -> Bool) -> Self {
        Self(noun: noun) { [read] text in
            read(text).flatMap { isAllowed($0) ? .success($0) : .failure(Objection("must be \(rule)")) }
        }
    }

    /// The message for text this syntax refused.
    func problem(reading text: String, _ objection: Objection) -> String {
        "invalid \(noun) '\(text)': \(objection.reason)"
    }
}

/// Why a text is not a value of its syntax, said to the operator: "a rate looks like 120/60s or 2/s".
struct Objection: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension ScalarSyntax where Value == String {
    /// Any text but the empty one.
    static var text: Self { Self(noun: "text", hint: "must not be empty") { $0.isEmpty ? nil : $0 } }

    /// One of `names`, with a did-you-mean for near misses.
    static func oneOf(_ names: [String], noun: String) -> Self {
        Self(noun: noun) { text in
            names.contains(text)
                ? .success(text)
                : .failure(
                    Objection("expected one of \(names.joined(separator: ", "))\(didYouMean(text, among: names))"))
        }
    }

    static var product: Self { oneOf(PortvaktConfiguration.productNames, noun: "product") }

    /// A limit rule's `route`: a path glob (`/broker/api/v1/filetransfer/*`), a glob over route names
    /// (`broker.filetransfer.*`), or one of the catalogue's route names, with a did-you-mean for near misses.
    static var routePattern: Self {
        Self(noun: "route") { text in
            if text.hasPrefix("/") || text.contains("*") {
                guard RoutePattern(text).matchesSomeRoute(in: .standard) else {
                    return .failure(Objection("matches no route in the catalogue"))
                }
                return .success(text)
            }
            if routeNames.contains(text) { return .success(text) }
            let hint = text.isEmpty ? "" : didYouMean(text, among: routeNames)
            return .failure(
                Objection(
                    "expected a route name from the catalogue such as broker.filetransfer.search\(hint), "
                        + "a name glob such as broker.*, or a path glob starting with /"))
        }
    }

    /// An http or https base URL with a host; a trailing `/` is dropped so paths can be appended as they come.
    /// With a `placeholder`, the URL must contain it (`{org}` for apps).
    static func baseURL(placeholder: String? = nil) -> Self {
        Self(noun: "URL") { text in
            let lowered = text.lowercased()
            guard let scheme = ["http://", "https://"].first(where: lowered.hasPrefix),
                let host = text.dropFirst(scheme.count).split(separator: "/", omittingEmptySubsequences: false).first,
                !host.isEmpty, !text.contains(where: \.isWhitespace)
            else { return .failure(Objection("expected http:// or https:// and a host")) }
            if let placeholder, !text.contains(placeholder) {
                return .failure(Objection("must contain \(placeholder)"))
            }
            var url = text
            while url.hasSuffix("/") { url.removeLast() }
            return .success(url)
        }
    }

    /// An HTTP method; written in any case, kept in capitals as it goes on the wire.
    static var httpMethod: Self {
        Self(noun: "HTTP method", hint: "expected a method name such as GET or POST") { text in
            !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isLetter } ? text.uppercased() : nil
        }
    }

    /// Rule names go into `RateLimit-Policy` as quoted strings and into metric labels, so they stay plain.
    static var ruleName: Self {
        Self(noun: "rule name", hint: "use letters, digits, '.', '_' and '-'") { text in
            !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
                ? text : nil
        }
    }

    /// A supplier as limits see it: its organisation number, or `anonymous` for callers without a valid token.
    static var supplier: Self {
        Self(noun: "supplier", hint: "expected a 9-digit organisation number or anonymous") { text in
            text == "anonymous" || (text.utf8.count == 9 && asciiDigits(text.utf8) != nil) ? text : nil
        }
    }
}

extension ScalarSyntax where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the enum's raw values.
    static func oneOf(_ type: Value.Type, noun: String) -> Self {
        let names = Value.allCases.map(\.rawValue)
        let syntax = ScalarSyntax<String>.oneOf(names, noun: noun)
        return Self(noun: noun) { text in syntax.read(text).map { Value(rawValue: $0)! } }
    }
}

extension ScalarSyntax where Value == Bool {
    /// Only `true` and `false`: YAML 1.1's `yes`/`no`/`on`/`off` are refused rather than guessed at.
    static var boolean: Self {
        Self(noun: "boolean", hint: "write true or false") { ["true": true, "false": false][$0.lowercased()] }
    }
}

extension ScalarSyntax where Value == Int {
    static func integer(atLeast minimum: Int) -> Self {
        Self(noun: "number", hint: "expected a whole number") { asciiDigits($0.utf8).flatMap { Int(exactly: $0) } }
            .requiring("at least \(minimum)") { $0 >= minimum }
    }

    static func integer(in range: ClosedRange<Int>) -> Self {
        Self(noun: "number", hint: "expected a whole number") { asciiDigits($0.utf8).flatMap { Int(exactly: $0) } }
            .requiring("from \(range.lowerBound) to \(range.upperBound)") { range.contains($0) }
    }

    /// `100MiB`, `512KiB`, or a plain number of bytes.
    static var byteSize: Self {
        Self(noun: "size", hint: "a size looks like 512KiB, 100MiB or 1GiB") { ByteSize.bytes(configText: $0) }
            .requiring("above zero") { $0 > 0 }
    }
}

extension ScalarSyntax where Value == Double {
    /// A plain decimal number in `range`, open at the bottom when `aboveLowerBound`.
    static func fraction(_ range: ClosedRange<Double>, aboveLowerBound: Bool = false) -> Self {
        let rule =
            aboveLowerBound
            ? "above \(range.lowerBound.formatted) and at most \(range.upperBound.formatted)"
            : "from \(range.lowerBound.formatted) to \(range.upperBound.formatted)"
        return Self(noun: "number", hint: "expected a decimal number such as 0.25") { text in
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) ? Double(text) : nil
        }
        .requiring(rule) { range.contains($0) && !(aboveLowerBound && $0 == range.lowerBound) }
    }
}

extension Double {
    /// `0` rather than `0.0`, `0.25` as is.
    fileprivate var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}

extension ScalarSyntax where Value == Duration {
    static var duration: Self {
        Self(noun: "duration", hint: "a duration looks like 500ms, 30s, 10m, 24h or 7d") {
            Duration(configText: $0)
        }
        .requiring("above zero") { $0 > .zero }
    }
}

extension ScalarSyntax where Value == Rate {
    static var rate: Self {
        Self(noun: "rate", hint: "a rate looks like 120/60s or 2/s") { Rate(configText: $0) }
    }
}

extension ScalarSyntax where Value == HostPort {
    static var hostPort: Self {
        Self(noun: "address", hint: "expected HOST:PORT such as 127.0.0.1:8080, [::1]:8080 or localhost:8080") {
            HostPort(configText: $0)
        }
    }
}

extension ScalarSyntax where Value == Int64 {
    /// RFC 3339, as nanoseconds since the Unix epoch.
    static var timestamp: Self {
        Self(noun: "timestamp", hint: "expected RFC 3339 such as 2026-12-01T22:00:00Z or 2026-12-01T23:00:00+01:00") {
            RFC3339Timestamp.epochNanoseconds(configText: $0)
        }
    }
}

/// The names of the catalogue's routes, which limit rules' routes are checked against: made once, when a rule first
/// names a route (a config read had built a catalogue for every route a rule named).
private let routeNames = RouteCatalogue.standard.routes.map(\.name)
