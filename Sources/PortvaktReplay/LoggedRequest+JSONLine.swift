import PortvaktAccessLog
import PortvaktConfig
import PortvaktCore

extension LoggedRequest {
    /// Reads one access-log line: a JSON object with at least `time`, `method`, `path` and `status`.
    /// Members this reader does not use are skipped; a member it uses with the wrong kind of value is an error.
    public init(jsonLine bytes: UnsafeBufferPointer<UInt8>) throws(LogLineProblem) {
        var memory: LogLineMemory? = nil
        try self.init(jsonLine: bytes, remembering: &memory)
    }

    /// Reads one line as `init(jsonLine:)` does, taking the fields a log repeats (supplier, customer, client
    /// id, method, host, route) and the hour of its time from `memory` when there is one.
    init(jsonLine bytes: UnsafeBufferPointer<UInt8>, remembering memory: inout LogLineMemory?) throws(LogLineProblem) {
        var time: Int64?
        var supplier: String?
        var customer: String?
        var clientID: String?
        var method: String?
        var host: String?
        var target: LoggedTarget?
        var product: Product?
        var route: String?
        var status: Int?
        var decision: Decision?
        var responseDigest: ResponseDigestHash?
        var isBrowserLike = false
        do {
            try JSONObjectScanner.forEachMember(
                in: bytes, expecting: LogField.lineOrder,
                lookingUp: { LogField(key: bytes, $0, hasEscapes: $1) }
            ) { field, value in
                guard let field else { return }
                let reader = FieldReader(bytes: bytes, field: field, value: value)
                switch field {
                case .time: time = try reader.time(remembering: &memory)
                case .supplier: supplier = try reader.optionalString(interning: &memory)
                case .customer: customer = try reader.optionalString(interning: &memory)
                case .clientID: clientID = try reader.optionalString(interning: &memory)
                case .method: method = try reader.optionalString(interning: &memory, orNull: false)
                case .host: host = try reader.optionalString(interning: &memory)
                case .path: target = try reader.target(remembering: &memory)
                case .product: product = try reader.optionalCase(in: productNames)
                case .route: route = try reader.optionalString(interning: &memory)
                case .status: status = try reader.integer()
                case .decision: decision = try reader.optionalCase(in: decisionNames)
                case .responseDigest: responseDigest = try reader.optionalDigestHash()
                case .browserLike: isBrowserLike = try reader.boolean()
                }
            }
        } catch let problem as LogLineProblem {
            throw problem
        } catch let syntax as JSONSyntaxError {
            throw LogLineProblem(syntax.description)
        } catch {
            throw LogLineProblem("\(error)")
        }
        guard let time else { throw .missing(.time) }
        guard let method else { throw .missing(.method) }
        guard let target else { throw .missing(.path) }
        guard let status else { throw .missing(.status) }
        self.init(
            time: time, supplier: supplier ?? RequestParty.anonymousSupplier, customer: customer, clientID: clientID,
            method: method, host: host, target: target, product: product, route: route, status: status,
            decision: decision, responseDigest: responseDigest, isBrowserLike: isBrowserLike)
    }
}

/// The members of an access-log line that `replay` reads.
enum LogField: CaseIterable {
    case time, supplier, customer, clientID, method, host, path, product, route, status, decision, responseDigest
    case browserLike

    var key: StaticString {
        switch self {
        case .time: "time"
        case .supplier: "supplier"
        case .customer: "customer"
        case .clientID: "client_id"
        case .method: "method"
        case .host: "host"
        case .path: "path"
        case .product: "product"
        case .route: "route"
        case .status: "status"
        case .decision: "decision"
        case .responseDigest: "response_digest"
        case .browserLike: "browser_like"
        }
    }

    /// The field a key names, or nil for a member `replay` does not read. A key without escapes (every key
    /// the proxy writes) is compared in place with the fields' names of its length.
    @inline(__always)  // into the reader's loop: seventeen calls a line
    init?(key bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasEscapes: Bool) {
        guard
            let found =
                hasEscapes
                ? Self.field(escaped: bytes, range) : Self.field(named: UnsafeBufferPointer(rebasing: bytes[range]))
        else { return nil }
        self = found
    }

    /// The field a key with escapes names, once they are decoded.
    @inline(never)
    private static func field(escaped bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Self? {
        var decoded = JSONStringDecoding.string(bytes, range, hasEscapes: true)
        return decoded.withUTF8 { field(named: $0) }
    }

    /// Each name is a literal here, so the words compared with the key are constants in the code.
    @inline(__always)
    private static func field(named key: UnsafeBufferPointer<UInt8>) -> Self? {
        @inline(__always) func `is`(_ name: StaticString) -> Bool { equal(key, name) }
        switch key.count {
        case 4: return `is`("time") ? .time : `is`("host") ? .host : `is`("path") ? .path : nil
        case 5: return `is`("route") ? .route : nil
        case 6: return `is`("method") ? .method : `is`("status") ? .status : nil
        case 7: return `is`("product") ? .product : nil
        case 8:
            return `is`("supplier") ? .supplier : `is`("customer") ? .customer : `is`("decision") ? .decision : nil
        case 9: return `is`("client_id") ? .clientID : nil
        case 12: return `is`("browser_like") ? .browserLike : nil
        case 15: return `is`("response_digest") ? .responseDigest : nil
        default: return nil
        }
    }

    /// Whether a key of four to sixteen bytes is `name` (of the same length): two overlapping words from each
    /// end compared, as a call to memcmp or a loop over the bytes would cost more than the whole key.
    @inline(__always)
    private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        let count = key.count
        let bytes = UnsafeRawBufferPointer(key)
        let literal = UnsafeRawPointer(name.utf8Start)
        if count >= 8 {
            return bytes.loadUnaligned(as: UInt64.self) == literal.loadUnaligned(as: UInt64.self)
                && bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == literal.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return bytes.loadUnaligned(as: UInt32.self) == literal.loadUnaligned(as: UInt32.self)
            && bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == literal.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }

    var name: String { key.description }

    /// The members of a line the proxy writes, in their order, with the field each is (nil for those `replay`
    /// does not read).
    static let lineOrder = JSONMemberOrder<LogField>(
        AccessLogRecord.jsonLineKeys.map { name in (name, allCases.first { $0.name == name }) })
}

/// The products and decisions a log names, made once for every line to match against.
private let productNames = CaseNames<Product>()
private let decisionNames = CaseNames<Decision>()

/// Reads one member's value as the kind its field needs.
private struct FieldReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let field: LogField
    let value: JSONValueBytes

    func string() throws(LogLineProblem) -> String {
        guard case .string(let range, let hasEscapes) = value else { throw .wrongKind(field, "a string", value) }
        return JSONStringDecoding.string(bytes, range, hasEscapes: hasEscapes)
    }

    /// The target, kept in `memory` if any (in place when it has no escapes).
    func target(remembering memory: inout LogLineMemory?) throws(LogLineProblem) -> LoggedTarget {
        guard case .string(let range, let hasEscapes) = value else { throw .wrongKind(field, "a string", value) }
        guard memory != nil else { return LoggedTarget(try string()) }
        guard hasEscapes else { return memory!.keepTarget(UnsafeBufferPointer(rebasing: bytes[range])) }
        var text = try string()
        return text.withUTF8 { memory!.keepTarget($0) }
    }

    /// The string, or nil for null (an error unless `orNull`); without escapes, from the texts in `memory` if
    /// any.
    func optionalString(interning memory: inout LogLineMemory?, orNull: Bool = true) throws(LogLineProblem) -> String? {
        guard memory != nil, case .string(let range, false) = value else {
            return orNull ? try optionalString() : try string()
        }
        return memory!.texts.string(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// The hash of the string, or nil for null; without escapes, of the bytes in place (no string is made).
    func optionalDigestHash() throws(LogLineProblem) -> ResponseDigestHash? {
        guard case .string(let range, false) = value else { return try optionalString().map(ResponseDigestHash.init) }
        return ResponseDigestHash(utf8: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    func optionalString() throws(LogLineProblem) -> String? {
        if value == .null { return nil }
        guard case .string(let range, let hasEscapes) = value else {
            throw .wrongKind(field, "a string or null", value)
        }
        return JSONStringDecoding.string(bytes, range, hasEscapes: hasEscapes)
    }

    /// The case of `names` whose raw value the string is, or nil for null or a string no case has; without
    /// escapes, compared in place (no string is made).
    func optionalCase<Case>(in names: CaseNames<Case>) throws(LogLineProblem) -> Case? {
        guard case .string(let range, false) = value else {
            return try optionalString().flatMap(Case.init(rawValue:))
        }
        return names.value(of: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// `true` or `false`; null counts as false.
    func boolean() throws(LogLineProblem) -> Bool {
        switch value {
        case .bool(let value): return value
        case .null: return false
        default: throw .wrongKind(field, "true or false", value)
        }
    }

    /// The time, read with the timestamps in `memory` if any.
    func time(remembering memory: inout LogLineMemory?) throws(LogLineProblem) -> Int64 {
        guard case .string(let range, let hasEscapes) = value else { throw .notATimestamp }
        let utf8 = UnsafeBufferPointer(rebasing: bytes[range])
        let time =
            hasEscapes
            ? RFC3339Timestamp.epochNanoseconds(configText: JSONStringDecoding.string(bytes, range, hasEscapes: true))
            : memory != nil
                ? memory!.timestamps.epochNanoseconds(utf8: utf8) : RFC3339Timestamp.epochNanoseconds(utf8: utf8)
        guard let time else { throw .notATimestamp }
        return time
    }

    /// A whole number in `Int` range, written without fraction or exponent.
    func integer() throws(LogLineProblem) -> Int {
        guard case .number(let range) = value else { throw .wrongKind(field, "an integer", value) }
        var result = 0
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        while index < range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw LogLineProblem("'\(field.name)' is not an integer") }
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int(digit))
            guard !overflow, !carry else { throw LogLineProblem("'\(field.name)' is out of range") }
            result = sum
            index += 1
        }
        return negative ? -result : result
    }
}
