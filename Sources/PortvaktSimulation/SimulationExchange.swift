import NIOCore
import NIOHTTP1

/// One request and what to do with its answer, handed to `SimulationClientHandler` as an outbound write.
struct SimulationExchange: Sendable {
    enum RequestBody: Sendable {
        case none
        case bytes(ByteBuffer)
        /// `count` bytes of `BytePattern`, produced as the connection takes them.
        case generated(count: Int)
    }

    enum AnswerBody: Sendable {
        /// Keep the body.
        case collect
        /// Keep only a count and a SHA-256; hold back each read by `readDelay` (a slow reader).
        case digest(readDelay: TimeAmount?)
    }

    var head: HTTPRequestHead
    var requestBody: RequestBody
    var answerBody: AnswerBody
    var timeout: TimeAmount
    var outcome: EventLoopPromise<Outcome>

    struct Outcome: Sendable {
        var head: SimulationResponseHead
        /// Empty unless the answer body was collected.
        var body: ByteBuffer
        var byteCount: Int
        /// Present when the answer body was digested.
        var sha256Hex: String?
        /// From writing the request head to the answer's end, on the connection's event loop.
        var roundTrip: Duration
    }
}
