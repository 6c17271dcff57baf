import Testing

@testable import PortvaktConfig

@Suite struct AccessLogTests {
    @Test func defaultsToTheContractAndRotationEvery100MiB() {
        #expect(
            PortvaktConfiguration.AccessLog.default
                == .init(
                    enabled: true, path: "var/access.jsonl", pseudonymKey: "change-me", maxSize: 104_857_600, keep: 10))
    }

    @Test func readsEveryKey() throws {
        let accessLog = try parsed(
            """
            access_log:
              enabled: false
              path: /var/log/portvakt/access.jsonl
              pseudonym_key: "k"
              max_size: 1GiB
              keep: 0
            """
        ).accessLog
        #expect(
            accessLog
                == .init(
                    enabled: false, path: "/var/log/portvakt/access.jsonl", pseudonymKey: "k", maxSize: 1 << 30, keep: 0
                ))
    }

    @Test func reportsBadSizes() {
        #expect(
            problems("access_log: { max_size: 100 MB, enabled: yes }") == [
                "portvakt.yaml:1:25: invalid size '100 MB': a size looks like 512KiB, 100MiB or 1GiB",
                "portvakt.yaml:1:42: invalid boolean 'yes': write true or false",
            ])
    }
}
