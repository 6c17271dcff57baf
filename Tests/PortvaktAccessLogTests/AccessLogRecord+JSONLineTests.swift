import PortvaktAccessLog
import Testing

@Suite struct AccessLogRecordJSONLineTests {
    static let contractExample = AccessLogRecord(
        time: 1_795_500_000_810_000_000,
        requestID: "01JDQ8Z6R4T5W8X9Y0Z1A2B3C4",
        supplier: "312345676",
        customer: "313999998",
        clientID: "5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e",
        method: "GET",
        host: "platform.tt02.altinn.no",
        path: "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998",
        product: .dialogporten,
        route: "dialogporten.enduser.dialogs.search",
        status: 200,
        decision: .allowed,
        rule: nil,
        bytesIn: 0,
        bytesOut: 2048,
        durationMilliseconds: 12.4,
        responseDigest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    )

    private func line(_ record: AccessLogRecord) -> String {
        var buffer: [UInt8] = []
        record.appendJSONLine(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func writesTheContractsExampleFieldForFieldInOrder() {
        #expect(
            line(Self.contractExample)
                == #"{"time":"2026-11-24T06:00:00.810Z","request_id":"01JDQ8Z6R4T5W8X9Y0Z1A2B3C4","#
                + #""supplier":"312345676","customer":"313999998","client_id":"5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e","#
                + #""method":"GET","host":"platform.tt02.altinn.no","#
                + #""path":"/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998","#
                + #""product":"dialogporten","route":"dialogporten.enduser.dialogs.search","status":200,"#
                + #""decision":"allowed","rule":null,"bytes_in":0,"bytes_out":2048,"duration_ms":12.4,"#
                + #""response_digest":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","#
                + #""browser_like":false}"# + "\n"
        )
    }

    /// `replay` expects the keys in this order; it reads any other order too, only slower.
    @Test func writesTheKeysInTheOrderItDeclares() {
        let keys = line(Self.contractExample).matches(of: /[{,]"([a-z_]+)":/).map { String($0.output.1) }
        #expect(keys == AccessLogRecord.jsonLineKeys)
    }

    @Test func writesNullsAndEscapesEveryString() {
        var record = Self.contractExample
        record.supplier = nil
        record.customer = nil
        record.clientID = nil
        record.requestID = "id\"1\\"
        record.method = "PATCH"
        record.path = "/broker/api/v1/filetransfer/upload/tus/x?name=a\u{1}b"
        record.product = .broker
        record.route = "broker.filetransfer.tus.append"
        record.status = 429
        record.decision = .throttled
        record.rule = "broker-upload \"fast\""
        record.bytesIn = 5_368_709_120
        record.bytesOut = 312
        record.durationMilliseconds = 0.0004
        record.responseDigest = nil
        record.isBrowserLike = true
        #expect(
            line(record)
                == #"{"time":"2026-11-24T06:00:00.810Z","request_id":"id\"1\\","supplier":null,"customer":null,"#
                + #""client_id":null,"method":"PATCH","host":"platform.tt02.altinn.no","#
                + #""path":"/broker/api/v1/filetransfer/upload/tus/x?name=a\u0001b","product":"broker","#
                + #""route":"broker.filetransfer.tus.append","status":429,"decision":"throttled","#
                + #""rule":"broker-upload \"fast\"","bytes_in":5368709120,"bytes_out":312,"duration_ms":0,"#
                + #""response_digest":null,"browser_like":true}"# + "\n"
        )
    }

    @Test func appendsToWhatIsAlreadyInTheBuffer() {
        var buffer = Array("x\n".utf8)
        Self.contractExample.appendJSONLine(to: &buffer)
        Self.contractExample.appendJSONLine(to: &buffer)
        let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == lines[2])
    }
}
