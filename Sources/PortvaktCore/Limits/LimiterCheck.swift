/// One matching rule of a request: whose bucket, and under which policy.
public struct LimiterCheck: Sendable, Hashable {
    public var key: LimiterKey
    public var policy: TokenBucketPolicy

    public init(key: LimiterKey, policy: TokenBucketPolicy) {
        self.key = key
        self.policy = policy
    }

    /// A check on a subject already digested, e.g. once per connection or token rather than per request.
    public init(rule: Int32, subject: LimiterSubject, policy: TokenBucketPolicy) {
        self.init(key: LimiterKey(rule: rule, subject: subject), policy: policy)
    }

    public init(rule: Int32, subject: String, policy: TokenBucketPolicy) {
        self.init(key: LimiterKey(rule: rule, subject: subject), policy: policy)
    }
}
