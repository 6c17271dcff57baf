import Testing

@testable import PortvaktConfig

@Suite struct UpstreamsTests {
    @Test func defaultsToTT02() {
        let upstreams = PortvaktConfiguration.Upstreams.default
        #expect(upstreams.platform == "https://platform.tt02.altinn.no")
        #expect(upstreams.apps == "https://{org}.apps.tt02.altinn.no")
        #expect(upstreams.connectTimeout == .seconds(5))
        #expect(upstreams.readTimeout == .seconds(30))
        #expect(upstreams.maxConnectionsPerHost == 64)
    }

    @Test func readsEveryKey() throws {
        let upstreams = try parsed(
            """
            upstreams:
              platform: http://127.0.0.1:8081/
              apps: http://127.0.0.1:8082/{org}
              connect_timeout: 500ms
              read_timeout: 2m
              max_connections_per_host: 8
              breaker_failures: 0
              breaker_cool_down: 5s
            """
        ).upstreams
        #expect(
            upstreams
                == .init(
                    platform: "http://127.0.0.1:8081", apps: "http://127.0.0.1:8082/{org}",
                    connectTimeout: .milliseconds(500), readTimeout: .seconds(120), maxConnectionsPerHost: 8,
                    breakerFailures: 0, breakerCoolDown: .seconds(5)))
    }

    @Test func reportsBadURLsAndCounts() {
        let yaml = """
            upstreams:
              platform: ftp://x
              apps: https://apps.example
              connect_timeout: 0s
              max_connections_per_host: 0
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:13: invalid URL 'ftp://x': expected http:// or https:// and a host",
                "portvakt.yaml:3:9: invalid URL 'https://apps.example': must contain {org}",
                "portvakt.yaml:4:20: invalid duration '0s': must be above zero",
                "portvakt.yaml:5:29: invalid number '0': must be at least 1",
            ])
    }
}
