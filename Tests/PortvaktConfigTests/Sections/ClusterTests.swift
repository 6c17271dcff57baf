import Testing

@testable import PortvaktConfig

@Suite struct ClusterTests {
    @Test func isAbsentByDefault() throws {
        #expect(PortvaktConfiguration.default.cluster == nil)
        #expect(try parsed("cluster:").cluster == nil)
    }

    @Test func readsEveryKey() throws {
        let cluster = try parsed(
            """
            cluster:
              redis: 127.0.0.1:6379
              instance: portvakt-a
              expected_instances: 3
              on_store_failure: closed
              leases: false
            """
        ).cluster
        #expect(
            cluster
                == .init(
                    redis: HostPort(host: "127.0.0.1", port: 6379), instance: "portvakt-a", expectedInstances: 3,
                    onStoreFailure: .closed, leases: false))
        let defaults = try parsed("cluster: { redis: 'localhost:6379', instance: b }").cluster
        #expect(defaults?.onStoreFailure == .local)
        #expect(defaults?.leases == true)
        #expect(defaults?.expectedInstances == 1)
    }

    @Test func requiresRedisAndInstance() {
        let yaml = """
            cluster:
              expected_instances: 2
              on_store_failure: lokal
            """
        #expect(
            problems(yaml) == [
                "portvakt.yaml:2:3: missing 'redis' in cluster",
                "portvakt.yaml:2:3: missing 'instance' in cluster",
                "portvakt.yaml:3:21: invalid policy 'lokal': expected one of open, closed, local "
                    + "(did you mean 'local'?)",
            ])
    }
}
