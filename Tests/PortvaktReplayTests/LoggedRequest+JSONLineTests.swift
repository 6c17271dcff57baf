import PortvaktAccessLog
import PortvaktCore
import Testing

@testable import PortvaktReplay

@Suite struct LoggedRequestJSONLineTests {
    private func parse(_ line: String) throws -> LoggedRequest {
        var line = line
        return try line.withUTF8 { bytes in try LoggedRequest(jsonLine: bytes) }
    }

    private func problem(_ line: String) -> String? {
        do {
            _ = try parse(line)
            return nil
        } catch {
            return (error as? LogLineProblem)?.description
        }
    }

    /// What the proxy writes, `replay` reads back field for field: lines in the order it expects
    /// (`LogField.lineOrder`), with nulls, escapes in values it reads and in those it skips, and both kinds of
    /// `browser_like`.
    @Test func readsBackWhatTheProxyWrites() throws {
        let plain = AccessLogRecord(
            time: 1_795_500_000_810_000_000, requestID: "01JDQ8Z6R4T5W8X9Y0Z1A2B3C4", supplier: "312345676",
            customer: "313999998", clientID: "5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e", method: "GET",
            host: "platform.tt02.altinn.no", path: "/dialogporten/api/v1/enduser/dialogs?party=urn%3Ax",
            product: .dialogporten, route: "dialogporten.enduser.dialogs.search", status: 200, decision: .allowed,
            rule: nil, bytesIn: 0, bytesOut: 2048, durationMilliseconds: 12.4,
            responseDigest: "9f86d081884c7d659a2feaa0c55ad015")
        var escaped = plain
        escaped.requestID = "id\"1\\"
        escaped.supplier = nil
        escaped.customer = "a \"quoted\" customer"
        escaped.clientID = nil
        escaped.method = "PATCH"
        escaped.path = "/broker/api/v1/filetransfer/x?name=a\u{1}b\\c"
        escaped.product = .broker
        escaped.route = "broker.filetransfer.tus.append"
        escaped.status = 429
        escaped.decision = .throttled
        escaped.rule = "broker-upload \"fast\""
        escaped.durationMilliseconds = 0.0004
        escaped.responseDigest = nil
        escaped.isBrowserLike = true
        for record in [plain, escaped] {
            var line: [UInt8] = []
            record.appendJSONLine(to: &line)
            #expect(line.removeLast() == UInt8(ascii: "\n"))
            let request = try line.withUnsafeBufferPointer { try LoggedRequest(jsonLine: $0) }
            #expect(
                request
                    == LoggedRequest(
                        time: record.time, supplier: record.supplier ?? RequestParty.anonymousSupplier,
                        customer: record.customer, clientID: record.clientID, method: record.method, host: record.host,
                        path: record.path, product: record.product, route: record.route, status: record.status,
                        decision: record.decision, responseDigest: record.responseDigest.map(ResponseDigestHash.init),
                        isBrowserLike: record.isBrowserLike))
        }
    }

    @Test func readsTheContractsExampleLine() throws {
        let line = """
            {"time":"2026-11-24T06:00:00.810Z","request_id":"0f1e","supplier":"312345676","customer":"313999998",\
            "client_id":"5c1b0a4e-77d2","method":"GET","host":"platform.tt02.altinn.no",\
            "path":"/dialogporten/api/v1/enduser/dialogs?party=urn%3Ax","product":"dialogporten",\
            "route":"dialogporten.enduser.dialogs.search","status":200,"decision":"allowed","rule":null,\
            "bytes_in":0,"bytes_out":2048,"duration_ms":12.4,"response_digest":"9f86d081884c7d65"}
            """
        let request = try parse(line)
        #expect(
            request
                == LoggedRequest(
                    time: 1_795_500_000_810_000_000, supplier: "312345676", customer: "313999998",
                    clientID: "5c1b0a4e-77d2", method: "GET", host: "platform.tt02.altinn.no",
                    path: "/dialogporten/api/v1/enduser/dialogs?party=urn%3Ax", product: .dialogporten,
                    route: "dialogporten.enduser.dialogs.search", status: 200, decision: .allowed,
                    responseDigest: ResponseDigestHash("9f86d081884c7d65")))
    }

    @Test func onlyTimeMethodPathAndStatusAreNeeded() throws {
        let request = try parse(#"{"time":"2026-11-24T06:00:00Z","method":"POST","path":"/x","status":503}"#)
        #expect(
            request
                == LoggedRequest(
                    time: 1_795_500_000_000_000_000, supplier: "anonymous", method: "POST", path: "/x", status: 503))
    }

    @Test func nullFieldsAreAbsentAndANullSupplierIsAnonymous() throws {
        let request = try parse(
            #"{"time":"2026-11-24T06:00:00Z","supplier":null,"customer":null,"client_id":null,"method":"GET","#
                + #""host":null,"path":"/x","product":null,"route":null,"status":200,"decision":null,"#
                + #""response_digest":null}"#)
        #expect(request == LoggedRequest(time: 1_795_500_000_000_000_000, method: "GET", path: "/x", status: 200))
    }

    @Test func unknownProductsAndDecisionsAreLeftOut() throws {
        let request = try parse(
            #"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":200,"product":"future","#
                + #""decision":"quarantined"}"#)
        #expect(request.product == nil)
        #expect(request.decision == nil)
    }

    @Test func skipsMembersItDoesNotReadWhateverTheirKind() throws {
        let request = try parse(
            #"{"extra":{"a":[1,{"b":"}]"}],"c":null},"list":[],"n":-1.5e-3,"t":true,"f":false,"#
                + #""time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":200}"#)
        #expect(request.path == "/x")
    }

    /// A digest is hashed in place when it has no escapes, after decoding when it has (an ETag's quotes): either
    /// way as the live detector hashes the text it was given.
    @Test func digestsAreHashedAsTheirText() throws {
        let plain = try parse(
            #"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":200,"response_digest":"9f86d0"}"#)
        #expect(plain.responseDigest == ResponseDigestHash("9f86d0"))
        #expect(plain.responseDigest != ResponseDigestHash("9f86d1"))
        let etag = try parse(
            #"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":200,"response_digest":"W/\"r7\""}"#)
        #expect(etag.responseDigest == ResponseDigestHash(#"W/"r7""#))
    }

    @Test func decodesEscapesAndUnicode() throws {
        let request = try parse(
            #"{"time":"2026-11-24T06:00:00Z","method":"GET","status":200,"#
                + #""path":"/a\"b\\c\/d\n\t\u00e6\u00F8\ud83d\ude00 å","supplier":"fnr:1a2b3c4d5e6f"}"#)
        #expect(request.path == "/a\"b\\c/d\n\tæø😀 å")
        #expect(request.supplier == "fnr:1a2b3c4d5e6f")
    }

    @Test func escapedKeysAreRecognised() throws {
        let request = try parse(#"{"ti\u006de":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":200}"#)
        #expect(request.time == 1_795_500_000_000_000_000)
    }

    @Test(arguments: [
        ("2026-11-24T06:00:00.810Z", Int64(1_795_500_000_810_000_000)),
        ("2026-11-24T06:00:00.8Z", 1_795_500_000_800_000_000),
        ("2026-11-24T06:00:00.123456789Z", 1_795_500_000_123_456_789),
        ("2026-11-24T06:00:00Z", 1_795_500_000_000_000_000),
        ("2026-11-24T07:00:00.810+01:00", 1_795_500_000_810_000_000),
        ("2026-11-24T05:30:00.810-00:30", 1_795_500_000_810_000_000),
    ])
    func readsRFC3339TimesWithOffsetsAndAnyPrecision(text: String, nanoseconds: Int64) throws {
        let request = try parse(#"{"time":"\#(text)","method":"GET","path":"/x","status":200}"#)
        #expect(request.time == nanoseconds)
    }

    @Test(
        arguments: [
            (
                #"{"time":"2026-11-24 06:00","method":"GET","path":"/x","status":200}"#,
                "'time' is not an RFC 3339 timestamp"
            ),
            (#"{"time":1795500000,"method":"GET","path":"/x","status":200}"#, "'time' is not an RFC 3339 timestamp"),
            (#"{"method":"GET","path":"/x","status":200}"#, "'time' is missing"),
            (#"{"time":"2026-11-24T06:00:00Z","path":"/x","status":200}"#, "'method' is missing"),
            (#"{"time":"2026-11-24T06:00:00Z","method":"GET","status":200}"#, "'path' is missing"),
            (#"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x"}"#, "'status' is missing"),
            (
                #"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":"200"}"#,
                "'status' must be an integer, not a string"
            ),
            (
                #"{"time":"2026-11-24T06:00:00Z","method":"GET","path":"/x","status":200.5}"#,
                "'status' is not an integer"
            ),
            (
                #"{"time":"2026-11-24T06:00:00Z","method":null,"path":"/x","status":200}"#,
                "'method' must be a string, not null"
            ),
            (
                #"{"time":"2026-11-24T06:00:00Z","supplier":312345676,"method":"GET","path":"/x","status":200}"#,
                "'supplier' must be a string or null, not a number"
            ),
            (#"["time"]"#, "not a JSON object: expected '{' at column 1"),
            (#"{"time":"2026-11-24T06:00:00Z" "method":"GET"}"#, "not a JSON object: expected ',' or '}' at column 32"),
            (
                #"{"time":"2026-11-24T06:00:00Z","method":"GET"#,
                "not a JSON object: a string without its closing quote at column 45"
            ),
            (#"{"path":"/a\qb"}"#, "not a JSON object: an invalid escape at column 13"),
            (#"{"path":"/a\u12"}"#, #"not a JSON object: an invalid \u escape at column 16"#),
            (#"{"status":01}"#, "not a JSON object: expected ',' or '}' at column 12"),
            (#"{"status":-}"#, "not a JSON object: a malformed number at column 12"),
            (#"{"status":1.}"#, "not a JSON object: a malformed number at column 13"),
            (#"{"status":2e+}"#, "not a JSON object: a malformed number at column 14"),
            (#"{"status":3E}"#, "not a JSON object: a malformed number at column 13"),
            (#"{"flag":tru}"#, "not a JSON object: expected a value at column 9"),
            (#"{"a":[1,2}"#, "not a JSON object: mismatched brackets at column 10"),
            (#"{"a":1} x"#, "not a JSON object: unexpected text after the object at column 9"),
            (#"{a:1}"#, "not a JSON object: expected a key in quotes at column 2"),
        ] as [(String, String)])
    func badLinesSayWhatIsWrong(line: String, expected: String) {
        #expect(problem(line) == expected)
    }

    @Test func aControlCharacterInsideAStringIsAnError() {
        #expect(
            problem("{\"path\":\"/a\tb\"}") == "not a JSON object: a control character inside a string at column 12")
    }
}
