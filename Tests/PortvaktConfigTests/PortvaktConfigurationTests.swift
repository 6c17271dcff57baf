import Testing

@testable import PortvaktConfig

@Suite struct PortvaktConfigurationTests {
    /// `Config/portvakt.yaml`, found from this file: Tests/PortvaktConfigTests/ is two levels below the package.
    static let shippedConfigPath: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return (components + ["Config", "portvakt.yaml"]).joined(separator: "/")
    }()

    @Test func theShippedConfigSpellsOutExactlyTheDefaults() throws {
        #expect(try PortvaktConfiguration.load(file: Self.shippedConfigPath) == .default)
    }

    @Test(arguments: ["", "\n", "# only a comment\n", "~", "---\n"])
    func anEmptyFileIsTheDefault(yaml: String) throws {
        #expect(try parsed(yaml) == .default)
    }

    @Test func defaultsToTheContract() {
        let d = PortvaktConfiguration.default
        #expect(d.listen == HostPort(host: "127.0.0.1", port: 8080))
        #expect(d.state.path == "var/portvakt.sqlite")
        #expect(d.accessLog.path == "var/access.jsonl")
        #expect(d.limits.first?.name == "dialogporten-default")
        #expect(d.cluster == nil)
        #expect(d.maintenance.isEmpty)
    }

    @Test func readsTheContractsExample() throws {
        let configuration = try parsed(
            """
            listen: 127.0.0.1:8080
            admin:
              listen: 127.0.0.1:9090
              token: "change-me"
            upstreams:
              platform: https://platform.tt02.altinn.no
              apps: https://{org}.apps.tt02.altinn.no
            identity:
              jwks: [Config/keys/test-issuer.jwks.json]
              issuers: [https://test.maskinporten.no/]
              on_invalid_token: anonymous
            state:
              path: var/portvakt.sqlite
            access_log:
              path: var/access.jsonl
              pseudonym_key: "change-me"
            limits:
              - name: dialogporten-default
                match: { product: dialogporten }
                key: supplier
                rate: 120/60s
                burst: 120
                shadow: false
            polling:
              enabled: true
              min_requests: 10
              max_interval: 10m
              unchanged_ratio: 0.7
            sanctions:
              enabled: true
              ladder:
                - { level: notice,   after: 1 }
                - { level: throttle, after: 3, factor: 0.25 }
                - { level: cutoff,   after: 6, for: 24h }
              window: 24h
              recount: 1h
              forgive_after: 7d
            cluster:
              redis: 127.0.0.1:6379
              instance: portvakt-a
              expected_instances: 3
              on_store_failure: local
            maintenance:
              - { product: broker, from: 2026-12-01T22:00:00Z, until: 2026-12-02T02:00:00Z }
            """)
        var expected = PortvaktConfiguration.default
        expected.limits = [PortvaktConfiguration.defaultLimits[0]]
        expected.cluster = .init(
            redis: HostPort(host: "127.0.0.1", port: 6379), instance: "portvakt-a", expectedInstances: 3,
            onStoreFailure: .local)
        expected.maintenance = [
            .init(
                product: "broker", fromNanoseconds: 1_796_162_400_000_000_000,
                untilNanoseconds: 1_796_176_800_000_000_000)
        ]
        #expect(configuration == expected)
    }

    @Test func reportsProblemsInEverySectionAtOnce() {
        let yaml = """
            listen: localhost:80800
            server: { idle_timeout: 1y }
            admin: { listen: "[::1]:9090", tokn: x }
            identity: { on_invalid_token: ignore }
            sanctions: { window: 0s }
            cluster: { redis: redis, instance: a }
            """
        #expect(
            problems(yaml).map { String($0.prefix(while: { $0 != " " })) } == [
                "portvakt.yaml:1:9:", "portvakt.yaml:2:25:", "portvakt.yaml:3:32:", "portvakt.yaml:4:31:",
                "portvakt.yaml:5:22:", "portvakt.yaml:6:19:",
            ])
    }
}
