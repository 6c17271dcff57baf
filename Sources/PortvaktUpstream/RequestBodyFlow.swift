import NIOCore

/// Flow control for a request body travelling from the client to curl.
///
/// The inbound channel has `autoRead` off: it reads from the client only while `wantsMoreFromClient`.
/// curl pulls bytes from here in its read callback; when nothing is buffered and the body has not ended,
/// curl pauses (`CURL_READFUNC_PAUSE`) and is resumed by the next append. When curl drains the buffer to
/// `lowWater` while the client was held back, the client is read again. Memory per transfer is bounded by
/// `highWater` plus one inbound chunk. Plain value: unit-tested without sockets, used under the transfer's lock.
public struct RequestBodyFlow: Sendable {
    public enum AppendAction: Sendable, Equatable {
        case none
        /// curl had paused for want of data: resume the transfer.
        case resumeUpstream
    }

    public enum ReadResult: Sendable, Equatable {
        /// `count` bytes were copied out.
        case bytes(Int)
        /// Nothing buffered yet: pause until the next append.
        case pause
        /// The body is complete and fully handed over.
        case end
    }

    public let highWater: Int
    public let lowWater: Int
    private var chunks = CircularBuffer<ByteBuffer>(initialCapacity: 4)
    public private(set) var bufferedBytes = 0
    public private(set) var isComplete = false
    public private(set) var isUpstreamPaused = false
    /// Set when the client was held back at `highWater` and should be read again once curl drains the buffer.
    public private(set) var isClientHeldBack = false

    public init(highWater: Int = 512 * 1024, lowWater: Int = 128 * 1024) {
        precondition(0 <= lowWater && lowWater < highWater, "lowWater must be below highWater")
        self.highWater = highWater
        self.lowWater = lowWater
    }

    /// Whether the inbound side should read more from the client now. Calling it records the hold-back.
    public mutating func wantsMoreFromClient() -> Bool {
        if self.isComplete { return false }
        if self.bufferedBytes >= self.highWater {
            self.isClientHeldBack = true
            return false
        }
        return true
    }

    public mutating func append(_ chunk: ByteBuffer) -> AppendAction {
        precondition(!self.isComplete, "body appended after its end")
        if chunk.readableBytes > 0 {
            self.bufferedBytes += chunk.readableBytes
            self.chunks.append(chunk)
        }
        return self.wakeUpstream()
    }

    public mutating func finish() -> AppendAction {
        self.isComplete = true
        return self.wakeUpstream()
    }

    private mutating func wakeUpstream() -> AppendAction {
        guard self.isUpstreamPaused else { return .none }
        self.isUpstreamPaused = false
        return .resumeUpstream
    }

    /// curl asks for up to `destination.count` bytes. `clientShouldRead` is true when the client had been held
    /// back and the buffer has now drained to `lowWater`.
    public mutating func read(
        into destination: UnsafeMutableRawBufferPointer
    ) -> (result: ReadResult, clientShouldRead: Bool) {
        guard self.bufferedBytes > 0 else {
            if self.isComplete { return (.end, false) }
            self.isUpstreamPaused = true
            return (.pause, false)
        }
        var copied = 0
        while copied < destination.count, var chunk = self.chunks.popFirst() {
            let count = min(chunk.readableBytes, destination.count - copied)
            chunk.withUnsafeReadableBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: destination[copied..<copied + count])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<count]))
            }
            chunk.moveReaderIndex(forwardBy: count)
            copied += count
            if chunk.readableBytes > 0 { self.chunks.prepend(chunk) }
        }
        self.bufferedBytes -= copied
        var clientShouldRead = false
        if self.isClientHeldBack, self.bufferedBytes <= self.lowWater {
            self.isClientHeldBack = false
            clientShouldRead = true
        }
        return (.bytes(copied), clientShouldRead)
    }
}
