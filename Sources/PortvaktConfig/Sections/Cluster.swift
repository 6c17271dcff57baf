extension PortvaktConfiguration {
    /// Limits and sanctions shared between instances through Redis. Absent: every instance stands alone.
    public struct Cluster: Sendable, Equatable {
        public var redis: HostPort
        /// Unique per instance.
        public var instance: String
        public var expectedInstances: Int
        public var onStoreFailure: StoreFailurePolicy
        /// Whether busy buckets lend each instance tokens ahead of need, so most requests need not wait for
        /// Redis; the global burst then holds within burst / 8 (docs/cluster.md). False: every request is
        /// decided in Redis, exactly.
        public var leases: Bool

        /// What an instance does while Redis cannot be reached.
        public enum StoreFailurePolicy: String, Sendable, Equatable, CaseIterable {
            /// Let every request through.
            case open
            /// Refuse every request.
            case closed
            /// Per-instance buckets, each with limits divided by `expectedInstances`.
            case local
        }

        public init(
            redis: HostPort, instance: String, expectedInstances: Int = 1, onStoreFailure: StoreFailurePolicy = .local,
            leases: Bool = true
        ) {
            self.redis = redis
            self.instance = instance
            self.expectedInstances = expectedInstances
            self.onStoreFailure = onStoreFailure
            self.leases = leases
        }
    }
}

extension PortvaktConfiguration.Cluster {
    /// `redis` and `instance` have no sensible default: two instances guessing the same name would share state wrongly.
    init?(reading section: SectionReader) {
        let redis = section.required("redis", .hostPort)
        let instance = section.required("instance", .text)
        let expectedInstances = section.scalar("expected_instances", .integer(atLeast: 1)) ?? 1
        let onStoreFailure =
            section.scalar("on_store_failure", .oneOf(StoreFailurePolicy.self, noun: "policy")) ?? .local
        let leases = section.scalar("leases", .boolean) ?? true
        guard let redis, let instance else { return nil }
        self.init(
            redis: redis, instance: instance, expectedInstances: expectedInstances, onStoreFailure: onStoreFailure,
            leases: leases)
    }
}
