import Testing

@testable import PortvaktConfig

@Suite struct SectionReaderTests {
    @Test func reportsAnUnknownKeyWithTheNearestKnownOne() {
        let yaml = """
            listen: 127.0.0.1:8080
            upstreams:
              platfrom: https://platform.example
            """
        #expect(problems(yaml) == ["portvakt.yaml:3:3: unknown key 'platfrom' in upstreams (did you mean 'platform'?)"])
    }

    @Test func reportsUnknownKeysAtTheTopAndInListItems() {
        let yaml = """
            listn: 127.0.0.1:8080
            colour: blue
            limits:
              - name: a
                rate: 1/s
                brust: 5
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:1:1: unknown key 'listn' (did you mean 'listen'?)",
                "portvakt.yaml:2:1: unknown key 'colour'",
                "portvakt.yaml:6:5: unknown key 'brust' in limits[0] (did you mean 'burst'?)",
            ])
    }

    @Test func reportsValuesOfTheWrongShape() {
        let yaml = """
            upstreams: https://platform.example
            listen: [127.0.0.1, 8080]
            admin: { listen: { host: 127.0.0.1 } }
            limits: { name: a }
            identity:
              jwks: [a.json, { path: b.json }]
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:1:12: 'upstreams' must be a mapping of keys to values, found 'https://platform.example'",
                "portvakt.yaml:2:9: 'listen' expects a single address, found a list",
                "portvakt.yaml:3:18: 'admin.listen' expects a single address, found a mapping",
                "portvakt.yaml:4:9: 'limits' must be a list of items starting with '- ', found a mapping",
                "portvakt.yaml:6:18: 'identity.jwks' expects a single text, found a mapping",
            ])
    }

    @Test func reportsMissingRequiredValuesAtTheirSection() {
        let yaml = """
            limits:
              - shadow: true
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:5: missing 'name' in limits[0]",
                "portvakt.yaml:2:5: missing 'rate' in limits[0]",
            ])
    }

    @Test func takesEmptyValuesAsDefaults() throws {
        let configuration = try parsed(
            """
            listen:
            admin:
              listen: ~
              token: null
            cluster:
            """)
        #expect(configuration == .default)
    }

    @Test func takesQuotedNullAsText() throws {
        #expect(try parsed("admin: { token: \"null\" }").admin.token == .inline("null"))
    }

    @Test func refusesAConfigThatIsNotAMapping() {
        #expect(
            problems("- a\n- b") == ["portvakt.yaml:1:1: the config must be a mapping of keys to values, found a list"])
    }

    @Test func reportsEveryProblemInFileOrder() {
        let yaml = """
            listen: 127.0.0.1
            upstreams:
              read_timeout: forever
            limits:
              - name: a
                rate: fast
              - name: a
                rate: 1/s
            polling:
              unchanged_ratio: 2
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:1:9: invalid address '127.0.0.1': expected HOST:PORT such as 127.0.0.1:8080, "
                    + "[::1]:8080 or localhost:8080",
                "portvakt.yaml:3:17: invalid duration 'forever': a duration looks like 500ms, 30s, 10m, 24h or 7d",
                "portvakt.yaml:6:11: invalid rate 'fast': a rate looks like 120/60s or 2/s",
                "portvakt.yaml:10:20: invalid number '2': must be from 0 to 1",
            ])
    }
}
