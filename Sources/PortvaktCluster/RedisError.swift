/// Why a Redis command did not get its answer.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection could be made, or it broke or timed out mid-command: the connection is unusable.
    case unreachable(String)
    /// Redis answered with an error (a script's or a command's).
    case replied(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "Redis unreachable: \(reason)"
        case .replied(let message): "Redis error: \(message)"
        }
    }
}
