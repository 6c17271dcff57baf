import Foundation
import NIOHTTP1
import PortvaktConfig
import PortvaktCore
import PortvaktReport
import PortvaktStore

/// The admin endpoints of CONTRACT.md §7 behind the bearer token: suppliers with their standing, and manual
/// sanctions (terms §1.2.8). Answers one whole request at a time; the admin listener does the HTTP.
public struct AdminAPI: Sendable {
    public var token: String
    public let ledger: SupplierLedger
    /// The durable state `/admin/report` reads; nil without one.
    public let store: StateStore?
    /// What `/metrics` shows (no token needed); nil serves no metrics.
    public let metrics: ProxyMetrics?

    public init(token: String, ledger: SupplierLedger, store: StateStore? = nil, metrics: ProxyMetrics? = nil) {
        self.token = token
        self.ledger = ledger
        self.store = store
        self.metrics = metrics
    }

    /// An answer: status, content type and body.
    struct Answer {
        var status: HTTPResponseStatus
        var body: String
        var contentType = "application/json"
        /// For a 405: the methods the path does take.
        var allow: String?

        static func problem(_ status: HTTPResponseStatus, _ detail: String) -> Answer {
            let problem = ProblemResponse(status: status, title: status.reasonPhrase, detail: detail)
            return Answer(
                status: status, body: String(buffer: problem.body), contentType: "application/problem+json")
        }
    }

    /// Answers a request for a path under `/admin/`; `now` is Unix nanoseconds.
    func answer(
        method: HTTPMethod, path: Substring, query: AdminQuery = AdminQuery(""), authorization: String?,
        body: [UInt8], now: Int64
    ) -> Answer {
        guard let authorization, Self.bearerMatches(authorization, token: token) else {
            return .problem(.unauthorized, "The admin API needs Authorization: Bearer <admin.token>.")
        }
        guard let endpoint = Endpoint(path) else {
            return .problem(.notFound, "No admin endpoint \(method.rawValue) \(path.prefix(100)).")
        }
        // HEAD is answered as GET; the listener sends the head only.
        guard endpoint.method == (method == .HEAD ? .GET : method) else {
            var answer = Answer.problem(
                .methodNotAllowed, "\(path.prefix(100)) takes \(endpoint.allow), not \(method.rawValue.prefix(20)).")
            answer.allow = endpoint.allow
            return answer
        }
        switch endpoint {
        case .suppliers:
            return Answer(
                status: .ok, body: "[" + ledger.summaries(at: now).map(Self.json).joined(separator: ",") + "]")
        case .supplier(let supplier):
            guard let summary = ledger.summaries(at: now).first(where: { $0.supplier == supplier }) else {
                return .problem(.notFound, "No supplier \(supplier.prefix(20)) has been seen or sanctioned.")
            }
            return Answer(status: .ok, body: Self.json(summary))
        case .report:
            return report(query, now: now)
        case .sanctions:
            return impose(body, now: now)
        case .sanction(let supplier):
            do {
                guard try ledger.lift(manualSanctionOf: String(supplier), at: now) else {
                    return .problem(.notFound, "Supplier \(supplier.prefix(20)) has no manual sanction.")
                }
            } catch {
                return .problem(.serviceUnavailable, "The sanction stays: \(error).")
            }
            return Answer(status: .noContent, body: "")
        }
    }

    /// The endpoints under `/admin/`, each with the one method it takes (GET ones take HEAD too).
    enum Endpoint: Equatable {
        case suppliers
        case supplier(Substring)
        case report
        case sanctions
        case sanction(Substring)

        /// `/admin/suppliers/312345676` → `.supplier("312345676")`; nil for a path that is no endpoint.
        init?(_ path: Substring) {
            let parts = Array(path.split(separator: "/").dropFirst())
            switch (parts.first, parts.count) {
            case ("suppliers", 1): self = .suppliers
            case ("suppliers", 2): self = .supplier(parts[1])
            case ("report", 1): self = .report
            case ("sanctions", 1): self = .sanctions
            case ("sanctions", 2): self = .sanction(parts[1])
            default: return nil
            }
        }

        var method: HTTPMethod {
            switch self {
            case .suppliers, .supplier, .report: .GET
            case .sanctions: .POST
            case .sanction: .DELETE
            }
        }

        /// The `Allow` of a 405.
        var allow: String { self.method == .GET ? "GET, HEAD" : self.method.rawValue }
    }

    /// `?since=24h&until=…&supplier=…&format=json|text|csv|html` (contract §5, §7), from the durable state.
    private func report(_ query: AdminQuery, now: Int64) -> Answer {
        guard let store else {
            return .problem(.serviceUnavailable, "This proxy runs without durable state (see state.path in its log).")
        }
        guard let format = ThrottleReport.Format(rawValue: query["format"] ?? "json") else {
            return .problem(.badRequest, "'format' must be one of json, text, csv, html.")
        }
        guard let from = PointInTime.nanoseconds(query["since"] ?? "24h", now: now),
            let until = query["until"].map({ PointInTime.nanoseconds($0, now: now) }) ?? now, from < until
        else {
            return .problem(
                .badRequest, "'since' and 'until' are RFC 3339 times or durations back (24h, 7d), in order.")
        }
        // What the proxy counted up to now is in the report.
        store.flush()
        do {
            let report = try store.report(from: from, until: until, supplier: query["supplier"], ladder: ledger.ladder)
            return Answer(status: .ok, body: format.render(report), contentType: format.mediaType)
        } catch {
            return .problem(.serviceUnavailable, "The state could not be read: \(error).")
        }
    }

    /// `{"supplier":"…","level":"cutoff","for":"24h","reason":"…"}`: in force from the supplier's next request.
    private func impose(_ body: [UInt8], now: Int64) -> Answer {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return .problem(.badRequest, #"The body must be a JSON object: {"supplier","level","for","reason"}."#)
        }
        guard let supplier = object["supplier"] as? String, supplier.utf8.count == 9,
            supplier.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return .problem(.badRequest, "'supplier' must be a 9-digit organisation number.") }
        guard let levelName = object["level"] as? String, let level = SanctionLevel(rawValue: levelName) else {
            return .problem(.badRequest, "'level' must be one of notice, throttle, cutoff.")
        }
        var until: Int64?
        if let text = object["for"] {
            guard let text = text as? String, let duration = Duration(configText: text), duration > .zero else {
                return .problem(.badRequest, "'for' must be a duration such as 30m, 24h or 7d.")
            }
            until = now + duration.nanoseconds
        }
        guard let reason = object["reason"] as? String, !reason.isEmpty else {
            return .problem(.badRequest, "'reason' must say why (it is shown to operators and in reports).")
        }
        do {
            try ledger.impose(.init(level: level, since: now, until: until, reason: reason), on: supplier)
        } catch {
            return .problem(.serviceUnavailable, "The sanction is not imposed: \(error).")
        }
        let summary = ledger.summaries(at: now).first { $0.supplier == supplier }!
        return Answer(status: .created, body: Self.json(summary))
    }

    /// Compares without stopping at the first difference, so timing does not tell how much of a guess was right.
    static func bearerMatches(_ header: String, token: String) -> Bool {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let given = Array(parts[1].utf8)
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func json(_ summary: SupplierLedger.Summary) -> String {
        var bytes: [UInt8] = []
        bytes.appendASCII("{\"supplier\":")
        bytes.appendJSONString(summary.supplier)
        bytes.append(
            contentsOf: (",\"requests\":\(summary.requests),\"allowed\":\(summary.allowed)"
                + ",\"throttled\":\(summary.throttled),\"blocked\":\(summary.blocked),\"level\":").utf8)
        bytes.appendJSONString(orNull: summary.standing?.level.rawValue)
        bytes.append(contentsOf: ",\"manual\":\(summary.standing?.isManual ?? false),\"until\":".utf8)
        bytes.appendRFC3339String(orNull: summary.standing?.until)
        bytes.appendASCII(",\"reason\":")
        bytes.appendJSONString(orNull: summary.reason)
        bytes.appendASCII(",\"violations\":[")
        for (index, violation) in summary.evidence.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            violation.appendJSON(to: &bytes)
        }
        bytes.appendASCII("]}")
        return String(decoding: bytes, as: UTF8.self)
    }
}
