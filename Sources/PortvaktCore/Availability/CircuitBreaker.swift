/// One upstream host's circuit breaker: after `failureThreshold` connection failures or timeouts in a row,
/// requests fail fast (503 with `Retry-After`) for `coolDownNanoseconds`; then one probe goes through, and its
/// outcome closes the breaker or opens it for another cool-down. Any answer from upstream, whatever its
/// status, is a success: the host is there. Pure: time is passed in.
public struct CircuitBreaker: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case closed(consecutiveFailures: Int)
        case open(until: Int64)
        /// A probe is on its way; others wait for its outcome.
        case probing(since: Int64)
    }

    /// What to do with a request.
    public enum Admission: Sendable, Equatable {
        case pass
        /// Let it through as the probe; its outcome decides.
        case probe
        /// Fail fast until `until`.
        case refuse(until: Int64)
    }

    public let failureThreshold: Int
    public let coolDownNanoseconds: Int64
    public private(set) var state = State.closed(consecutiveFailures: 0)

    public init(failureThreshold: Int, coolDownNanoseconds: Int64) {
        precondition(failureThreshold >= 1 && coolDownNanoseconds > 0)
        self.failureThreshold = failureThreshold
        self.coolDownNanoseconds = coolDownNanoseconds
    }

    public mutating func admit(at now: Int64) -> Admission {
        switch state {
        case .closed: return .pass
        case .open(let until) where now < until: return .refuse(until: until)
        case .open:
            state = .probing(since: now)
            return .probe
        case .probing(let since) where now - since < coolDownNanoseconds:
            return .refuse(until: since + coolDownNanoseconds)
        case .probing:
            // The probe never reported back (its client went away): another one may try.
            state = .probing(since: now)
            return .probe
        }
    }

    /// Takes the outcome of a request that went upstream: `reached` when an answer came, false for a
    /// connection failure or a timeout.
    public mutating func record(reached: Bool, at now: Int64) {
        switch (state, reached) {
        case (_, true): state = .closed(consecutiveFailures: 0)
        case (.closed(let failures), false):
            state =
                failures + 1 >= failureThreshold
                ? .open(until: now + coolDownNanoseconds) : .closed(consecutiveFailures: failures + 1)
        case (.probing, false): state = .open(until: now + coolDownNanoseconds)
        case (.open, false): break
        }
    }
}
