import Testing

@testable import PortvaktConfig

@Suite struct AdminTests {
    @Test func defaultsToTheContract() {
        #expect(PortvaktConfiguration.Admin.default.listen == HostPort(host: "127.0.0.1", port: 9090))
        #expect(PortvaktConfiguration.Admin.default.token == .inline("change-me"))
    }

    @Test func readsATokenOrATokenFile() throws {
        #expect(
            try parsed("admin: { listen: '[::1]:9191', token: s3cret }").admin
                == .init(listen: HostPort(host: "::1", port: 9191), token: .inline("s3cret")))
        #expect(
            try parsed("admin: { token_file: /run/secrets/admin }").admin.token == .file(path: "/run/secrets/admin"))
    }

    @Test func refusesBothTokenAndTokenFile() {
        let yaml = """
            admin:
              token: a
              token_file: /b
            """
        #expect(problems(yaml) == ["portvakt.yaml:3:15: give either token or token_file, not both"])
    }

    @Test func refusesAnAdminListenerOnTheProxyListener() {
        let yaml = """
            listen: 127.0.0.1:8080
            admin:
              listen: 127.0.0.1:8080
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:3:11: admin.listen must differ from listen (127.0.0.1:8080): "
                    + "the admin API is never reachable on the proxy listener"
            ])
        #expect(problems("listen: 127.0.0.1:0\nadmin: { listen: 127.0.0.1:0 }").isEmpty)
    }
}
