import Foundation
import Testing

@testable import PortvaktConfig

@Suite struct PortvaktConfigurationLoadingTests {
    /// Writes `bytes` to a fresh temporary file and gives its path.
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-\(UUID()).yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func loadsAFile() throws {
        let path = try temporaryFile(Array("listen: 0.0.0.0:8443\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try PortvaktConfiguration.load(file: path).listen == HostPort(host: "0.0.0.0", port: 8443))
    }

    @Test func reportsProblemsAgainstTheFilesPath() throws {
        let path = try temporaryFile(Array("listen: nowhere\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigError.self) { try PortvaktConfiguration.load(file: path) }
        #expect(error?.problems.first?.file == path)
        #expect(error?.problems.first?.line == 1)
        #expect(error?.problems.first?.column == 9)
    }

    @Test func saysWhyAFileCannotBeRead() {
        let error = #expect(throws: ConfigError.self) {
            try PortvaktConfiguration.load(file: "/nonexistent/portvakt.yaml")
        }
        #expect(
            error?.description
                == "/nonexistent/portvakt.yaml:1:1: cannot read the config file: No such file or directory")
    }

    /// A file the config names that cannot be read is a problem where it is named, when the config is loaded
    /// to be used; text only parsed is not checked against this machine's files.
    @Test func reportsEveryNamedFileThatCannotBeReadWhereItIsNamed() throws {
        let readable = try temporaryFile(Array("{}".utf8))
        defer { try? FileManager.default.removeItem(atPath: readable) }
        let yaml = """
            admin: { token_file: /nonexistent/admin-token }
            identity:
              jwks: [\(readable), /nonexistent/keys.jwks.json]
            upstreams: { ca_file: /nonexistent/ca.pem }
            tls: { cert: /nonexistent/cert.pem, key: \(readable) }
            """
        let path = try temporaryFile(Array(yaml.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigError.self) { try PortvaktConfiguration.load(file: path) }
        let missing = "No such file or directory"
        #expect(
            error?.problems.map { "\($0.line):\($0.column): \($0.message)" } == [
                "1:22: cannot read '/nonexistent/admin-token': \(missing)",
                "3:\(12 + readable.utf8.count): cannot read '/nonexistent/keys.jwks.json': \(missing)",
                "4:23: cannot read '/nonexistent/ca.pem': \(missing)",
                "5:14: cannot read '/nonexistent/cert.pem': \(missing)",
            ])
        #expect(try PortvaktConfiguration.parse(yaml: yaml, file: path).identity.jwks.count == 2)
    }

    @Test func refusesAFileThatIsNotUTF8() throws {
        let path = try temporaryFile([0x6C, 0x69, 0xFF, 0xFE, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigError.self) { try PortvaktConfiguration.load(file: path) }
        #expect(error?.problems.map(\.message) == ["the config file is not UTF-8 text"])
    }

    @Test func reportsAYAMLSyntaxErrorWhereItIs() {
        let yaml = """
            listen: 127.0.0.1:8080
            admin:
              listen: 127.0.0.1:9090
             token: x
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:4:2: YAML syntax error: did not find expected key "
                    + "(while parsing a block mapping at line 1, column 1)"
            ])
    }

    @Test func reportsAnUnclosedList() {
        #expect(
            problems("limits: [a, b\nlisten: x") == [
                "portvakt.yaml:2:7: YAML syntax error: did not find expected ',' or ']' "
                    + "(while parsing a flow sequence at line 1, column 9)"
            ])
    }

    @Test func reportsADuplicateKey() {
        let yaml = """
            listen: 127.0.0.1:8080
            admin:
              token: a
              token: b
            """
        #expect(problems(yaml) == ["portvakt.yaml:3:3: duplicate key 'token' in one mapping"])
    }

    @Test func refusesASecondDocument() {
        #expect(
            problems("listen: 127.0.0.1:8080\n---\nlisten: 127.0.0.1:8081\n").first?.hasPrefix(
                "portvakt.yaml:2:1: YAML syntax error: but found another document") == true)
    }
}
