/// Flow control for an answer body travelling from curl to the client.
///
/// curl hands over body bytes faster than a slow client may take them. Every accepted chunk is counted as
/// *in flight* until the client's socket has taken it; past `highWater` the next chunk is refused, which
/// pauses curl (`CURL_WRITEFUNC_PAUSE`: curl keeps the refused bytes and offers them again after the resume).
/// Once writes drain to `lowWater`, curl is resumed. Memory per transfer is thus bounded by `highWater` plus
/// one chunk, whatever the answer's size. Plain value: unit-tested without sockets, used under the transfer's lock.
public struct AnswerFlow: Sendable, Equatable {
    public enum ReceiveAction: Sendable, Equatable {
        /// Take the chunk and pass it to the client.
        case accept
        /// Refuse the chunk: curl pauses and keeps it.
        case pause
    }

    public enum WrittenAction: Sendable, Equatable {
        case none
        /// curl is paused and the client has caught up: resume the transfer.
        case resume
    }

    public let highWater: Int
    public let lowWater: Int
    public private(set) var bytesInFlight = 0
    public private(set) var isPaused = false

    public init(highWater: Int = 512 * 1024, lowWater: Int = 128 * 1024) {
        precondition(0 <= lowWater && lowWater < highWater, "lowWater must be below highWater")
        self.highWater = highWater
        self.lowWater = lowWater
    }

    /// curl offers `count` bytes.
    public mutating func receive(_ count: Int) -> ReceiveAction {
        if self.isPaused || self.bytesInFlight >= self.highWater {
            self.isPaused = true
            return .pause
        }
        self.bytesInFlight += count
        return .accept
    }

    /// The client's socket took `count` bytes.
    public mutating func written(_ count: Int) -> WrittenAction {
        precondition(count <= self.bytesInFlight, "more bytes written than were in flight")
        self.bytesInFlight -= count
        guard self.isPaused, self.bytesInFlight <= self.lowWater else { return .none }
        self.isPaused = false
        return .resume
    }
}
