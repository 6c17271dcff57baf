/// Why the access log cannot be opened; `description` names the path and the system's reason.
public struct AccessLogError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String {
        "cannot open access log \(path): \(reason)"
    }
}
