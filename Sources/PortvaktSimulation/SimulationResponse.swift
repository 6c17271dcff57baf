/// The status line and headers of an answer, headers in the order and spelling received.
public struct SimulationResponseHead: Sendable {
    public var status: Int
    public var headers: [(String, String)]

    public init(status: Int, headers: [(String, String)]) {
        self.status = status
        self.headers = headers
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return self.headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// Every value of header `name`, compared case-insensitively.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return self.headers.filter { $0.0.lowercased() == wanted }.map(\.1)
    }
}

/// A whole answer, body included.
public struct SimulationResponse: Sendable {
    public var head: SimulationResponseHead
    public var body: [UInt8]
    /// From writing the request to the answer's end, timed on the connection's event loop: what the server
    /// took, without the wait of the calling task (on a busy machine the task may resume seconds later).
    public var roundTrip: Duration

    public init(head: SimulationResponseHead, body: [UInt8], roundTrip: Duration) {
        self.head = head
        self.body = body
        self.roundTrip = roundTrip
    }

    public var status: Int { self.head.status }
    public var headers: [(String, String)] { self.head.headers }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        self.head.header(name)
    }

    /// The body as UTF-8 text.
    public var text: String {
        String(decoding: self.body, as: UTF8.self)
    }
}
