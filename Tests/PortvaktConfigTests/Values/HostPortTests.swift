import Testing

@testable import PortvaktConfig

@Suite struct HostPortTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("0.0.0.0:0", "0.0.0.0", 0), ("[::1]:9090", "::1", 9090),
        ("[2001:db8::7]:65535", "2001:db8::7", 65535), ("localhost:6379", "localhost", 6379),
        ("redis.internal:6379", "redis.internal", 6379),
    ])
    func readsHostAndPort(text: String, host: String, port: Int) {
        #expect(HostPort(configText: text) == HostPort(host: host, port: port))
    }

    @Test(arguments: [
        "127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:65536", "127.0.0.1:-1", "300.1.1.1:80", "::1:80",
        "[::1:80", "[::g]:80", "[127.0.0.1]:80", "my host:80", "-bad.example:80", "localhost:http",
    ])
    func refusesAnythingElse(text: String) {
        #expect(HostPort(configText: text) == nil)
    }

    @Test func describesItselfAsWritten() {
        #expect(HostPort(host: "::1", port: 9090).description == "[::1]:9090")
        #expect(HostPort(host: "127.0.0.1", port: 8080).description == "127.0.0.1:8080")
    }
}
