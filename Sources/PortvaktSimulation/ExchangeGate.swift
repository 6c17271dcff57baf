import NIOConcurrencyHelpers
import NIOCore

/// Lets one exchange at a time use the client's connection; later callers wait their turn in order.
final class ExchangeGate: Sendable {
    private struct State {
        var isTaken = false
        var waiters = CircularBuffer<CheckedContinuation<Void, Never>>()
    }

    private let state = NIOLockedValueBox(State())

    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let entersNow = self.state.withLockedValue { state in
                if state.isTaken {
                    state.waiters.append(continuation)
                    return false
                }
                state.isTaken = true
                return true
            }
            if entersNow {
                continuation.resume()
            }
        }
    }

    /// Hands the gate to the next waiter, or opens it.
    func leave() {
        let next = self.state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.isTaken = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding the gate.
    func withGate<Result>(_ body: () async throws -> Result) async throws -> Result {
        await self.enter()
        defer { self.leave() }
        return try await body()
    }
}
