/// A cluster thread's connection to Redis: made when asked for, and after a failure not tried again for
/// `retryInterval`, so that while Redis is away no round waits on more than one connection attempt that long.
struct RedisLink {
    /// Where Redis is, how long any read or write may take, and how long to wait after a failure.
    struct Endpoint: Sendable {
        var host: String
        var port: Int
        var timeout: Duration
        var retryInterval: Duration = .seconds(1)
    }

    let endpoint: Endpoint
    private var connection: RedisConnection?
    private var nextAttempt = ContinuousClock.now

    init(_ endpoint: Endpoint) {
        self.endpoint = endpoint
    }

    /// The connection; a new one (readied by `prepare`) when there is none and the last attempt is old enough;
    /// nil while Redis is not to be tried. A failed attempt throws (and counts as one).
    mutating func connected(
        prepare: (RedisConnection) throws(RedisError) -> Void = { _ in }
    ) throws(RedisError) -> RedisConnection? {
        if let connection { return connection }
        guard ContinuousClock.now >= nextAttempt else { return nil }
        do {
            let fresh = try RedisConnection(host: endpoint.host, port: endpoint.port, timeout: endpoint.timeout)
            try prepare(fresh)
            connection = fresh
            return fresh
        } catch {
            nextAttempt = ContinuousClock.now + endpoint.retryInterval
            throw error
        }
    }

    /// After a failed command: the connection is dropped, and the next attempt waits `retryInterval`.
    mutating func failed() {
        connection = nil
        nextAttempt = ContinuousClock.now + endpoint.retryInterval
    }
}
