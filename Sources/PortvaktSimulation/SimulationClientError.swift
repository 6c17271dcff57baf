/// Why a `SimulationClient` call failed.
public enum SimulationClientError: Error, Equatable, Sendable {
    /// No complete answer within the client's timeout; the connection was closed.
    case timedOut(after: Duration)
    /// The connection closed before the answer was complete.
    case connectionClosed
    /// The method string is not a valid HTTP token.
    case invalidMethod(String)
}
