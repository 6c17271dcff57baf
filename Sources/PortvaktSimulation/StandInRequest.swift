import NIOHTTP1

/// One request as the stand-in answers it: the head, where it goes, and what its body was.
struct StandInRequest {
    var head: HTTPRequestHead
    var target: RequestTarget
    var route: StandInRoute
    /// The body's length and SHA-256; the bytes themselves are never kept.
    var body = BodyDigest()

    init(head: HTTPRequestHead) {
        self.head = head
        self.target = RequestTarget(head.uri)
        self.route = StandInRoute(method: head.method, segments: self.target.segments)
    }
}
