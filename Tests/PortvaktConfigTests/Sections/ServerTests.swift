import Testing

@testable import PortvaktConfig

@Suite struct ServerTests {
    @Test func defaultsTo32KiBHeadsAndMinuteTimeouts() {
        #expect(
            PortvaktConfiguration.Server.default
                == .init(maxHeaderBytes: 32_768, idleTimeout: .seconds(60), drainTimeout: .seconds(30)))
    }

    @Test func readsEveryKey() throws {
        let server = try parsed(
            "server: { max_header_bytes: 64KiB, idle_timeout: 5s, drain_timeout: 1m, threads: 1, max_headers: 50, "
                + "max_uri_bytes: 4KiB, header_timeout: 5s, max_connections: 50 }"
        )
        .server
        #expect(
            server
                == .init(
                    maxHeaderBytes: 65_536, idleTimeout: .seconds(5), drainTimeout: .seconds(60), threads: 1,
                    maxHeaders: 50, maxURIBytes: 4096, headerTimeout: .seconds(5), maxConnections: 50))
        #expect(try parsed("server: { max_header_bytes: 16384 }").server.maxHeaderBytes == 16_384)
    }

    /// Each thread is an event loop with a curl engine of its own: a slip of the keyboard must not start thousands.
    @Test func boundsTheThreads() throws {
        #expect(try parsed("server: { threads: 256 }").server.threads == 256)
        #expect(
            problems("server: { threads: 100000 }") == [
                "portvakt.yaml:1:20: invalid number '100000': must be from 0 to 256"
            ])
    }
}
