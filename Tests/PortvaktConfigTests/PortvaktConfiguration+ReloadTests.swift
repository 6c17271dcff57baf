import PortvaktConfig
import Testing

@Suite struct PortvaktConfigurationReloadTests {
    @Test func aReloadTakesEverythingButTheKeysOnlyARestartChanges() {
        let running = PortvaktConfiguration.default
        var new = running
        new.limits = []
        new.polling.minRequests = 3
        new.server.maxURIBytes = 1024
        new.upstreams.platform = "http://127.0.0.1:1"
        new.listen.port = 9999
        new.accessLog.path = "/elsewhere/access.jsonl"
        new.upstreams.readTimeout = .seconds(1)

        let (effective, needsRestart) = running.reloaded(to: new)
        #expect(needsRestart == ["listen", "upstreams.read_timeout", "access_log"])
        #expect(effective.limits.isEmpty)
        #expect(effective.polling.minRequests == 3)
        #expect(effective.server.maxURIBytes == 1024)
        #expect(effective.upstreams.platform == "http://127.0.0.1:1")
        #expect(effective.listen == running.listen)
        #expect(effective.accessLog == running.accessLog)
        #expect(effective.upstreams.readTimeout == running.upstreams.readTimeout)
    }

    @Test func anUnchangedConfigNeedsNoRestart() {
        let (effective, needsRestart) = PortvaktConfiguration.default.reloaded(to: .default)
        #expect(needsRestart.isEmpty)
        #expect(effective == .default)
    }
}
