import PortvaktCore
import Synchronization

/// A circuit breaker per upstream host (the platform, each app owner's host), shared by every event loop.
public final class CircuitBreakers: Sendable {
    let failureThreshold: Int
    let coolDownNanoseconds: Int64
    private let breakers = Mutex<[String: CircuitBreaker]>([:])

    public init(failureThreshold: Int, coolDownNanoseconds: Int64) {
        self.failureThreshold = failureThreshold
        self.coolDownNanoseconds = coolDownNanoseconds
    }

    func admit(_ host: String, at now: Int64) -> CircuitBreaker.Admission {
        breakers.withLock { breakers in
            guard breakers[host] != nil else { return .pass }
            return breakers[host]!.admit(at: now)
        }
    }

    func record(_ host: String, reached: Bool, at now: Int64) {
        breakers.withLock { breakers in
            // A host that always answers needs no breaker of its own.
            if reached && breakers[host] == nil { return }
            breakers[
                host,
                default: CircuitBreaker(failureThreshold: failureThreshold, coolDownNanoseconds: coolDownNanoseconds)
            ]
            .record(reached: reached, at: now)
        }
    }
}
