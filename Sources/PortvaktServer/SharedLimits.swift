import PortvaktCluster
import PortvaktConfig
import PortvaktCore

/// Limits shared with the other instances through Redis (`cluster`), and what this instance does while Redis
/// cannot be reached.
public struct SharedLimits: Sendable {
    public var buckets: SharedBuckets
    public var onFailure: PortvaktConfiguration.Cluster.StoreFailurePolicy
    /// Under `local`: this instance's own buckets, each limit divided by the expected number of instances.
    public var fallback: RateLimiter

    public init(
        buckets: SharedBuckets, onFailure: PortvaktConfiguration.Cluster.StoreFailurePolicy, fallback: RateLimiter
    ) {
        self.buckets = buckets
        self.onFailure = onFailure
        self.fallback = fallback
    }
}
