import Foundation
import PortvaktCore
import PortvaktTestSupport
import Testing

/// What the replay tests share: temporary log files, access-log lines and limit rules.
enum ReplayFixture {
    static let second: Int64 = 1_000_000_000
    /// 2026-11-24T06:00:00Z.
    static let start: Int64 = 1_795_500_000 * second

    /// A file holding `text`, removed by the caller.
    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("portvakt-replay-\(UInt64.random(in: 0...UInt64.max)).jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Appends what `gzip arguments` writes to its standard output to the file at `path`.
    static func appendGzipOutput(_ arguments: [String], to path: String) throws {
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? output.close() }
        try output.seekToEnd()
        let gzip = try ChildProcess("/usr/bin/env", ["gzip"] + arguments, output: .descriptor(output.fileDescriptor))
        #expect(gzip.terminationStatus == 0)
    }

    /// A line as the proxy writes it, `seconds` after `start`, without `product` and `route` unless given.
    static func line(
        at seconds: Double, supplier: String? = "312345676", customer: String? = nil, clientID: String? = nil,
        method: String = "GET", host: String = "platform.tt02.altinn.no",
        path: String = "/dialogporten/api/v1/enduser/dialogs", route: (product: String, name: String)? = nil,
        decision: String = "allowed", status: Int = 200, browserLike: Bool? = nil
    ) -> String {
        let milliseconds = Int64((seconds * 1000).rounded())
        var members = [
            "\"time\":\"\(timeText(start + milliseconds * 1_000_000))\"",
            "\"supplier\":\(quoted(supplier))", "\"customer\":\(quoted(customer))",
            "\"client_id\":\(quoted(clientID))", "\"method\":\(quoted(method))", "\"host\":\(quoted(host))",
            "\"path\":\(quoted(path))",
        ]
        if let route { members += ["\"product\":\(quoted(route.product))", "\"route\":\(quoted(route.name))"] }
        members += ["\"status\":\(status)", "\"decision\":\(quoted(decision))", "\"response_digest\":\"9f86d081\""]
        if let browserLike { members.append("\"browser_like\":\(browserLike)") }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func timeText(_ nanoseconds: Int64) -> String {
        var buffer: [UInt8] = []
        buffer.appendRFC3339(nanosecondsSinceEpoch: nanoseconds)
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func quoted(_ text: String?) -> String {
        text.map { String(jsonQuoting: $0) } ?? "null"
    }

    /// `count` requests per `seconds`, bursts of `burst`.
    static func rule(
        _ name: String, _ match: RateLimitRule.Match = .init(), key: RateLimitRule.KeyKind = .supplier,
        count: Int64, per seconds: Int64, burst: Int, shadow: Bool = false
    ) -> RateLimitRule {
        RateLimitRule(
            name: name, match: match, key: key,
            policy: TokenBucketPolicy(burst: burst, count: count, periodNanoseconds: seconds * second)!,
            shadow: shadow)
    }
}
