/// What a token bucket answered to one request.
public struct TokenBucketDecision: Sendable, Hashable {
    /// Whether the request got a token.
    public var isAllowed: Bool
    /// Whole tokens left after this request (rounded down).
    public var remaining: Int
    /// When refused: nanoseconds until one token is available; 0 when allowed.
    public var retryAfterNanoseconds: Int64
    /// Nanoseconds until the bucket is full again (0 when it is full).
    public var resetNanoseconds: Int64

    public init(isAllowed: Bool, remaining: Int, retryAfterNanoseconds: Int64, resetNanoseconds: Int64) {
        self.isAllowed = isAllowed
        self.remaining = remaining
        self.retryAfterNanoseconds = retryAfterNanoseconds
        self.resetNanoseconds = resetNanoseconds
    }
}
