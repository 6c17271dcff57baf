import CHiredis

#if canImport(Glibc)
    import Glibc
#endif

/// One blocking connection to Redis through hiredis, for the one thread that owns it. Commands are sent
/// pipelined: all of a batch is written, then the replies are read in order, so a batch costs one round trip.
/// Every read and write is bounded by `timeout`; after an `unreachable` error the connection is unusable.
final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>

    init(host: String, port: Int, timeout: Duration) throws(RedisError) {
        let limit = Self.timeval(timeout)
        guard let context = redisConnectWithTimeout(host, Int32(port), limit) else {
            throw .unreachable("cannot allocate a hiredis context")
        }
        guard context.pointee.err == 0 else {
            let reason = Self.errorText(context)
            redisFree(context)
            throw .unreachable("\(host):\(port): \(reason)")
        }
        redisSetTimeout(context, limit)
        self.context = context
    }

    deinit {
        redisFree(self.context)
    }

    /// Sends every command (each a list of arguments, the command's name first) and reads their replies in
    /// order. An error reply is a `.error` reply in its place; a broken or silent connection throws.
    func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        for command in commands {
            let status = Self.withArguments(command) { count, arguments, lengths in
                redisAppendCommandArgv(self.context, count, arguments, lengths)
            }
            guard status == REDIS_OK else { throw .unreachable(Self.errorText(self.context)) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(self.context, &raw) == REDIS_OK, let raw else {
                throw .unreachable(Self.errorText(self.context))
            }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            replies.append(Self.copy(reply))
            freeReplyObject(raw)
        }
        return replies
    }

    /// One command's reply; an error reply throws `.replied`.
    func command(_ arguments: [String]) throws(RedisError) -> RedisReply {
        let reply = try self.pipeline([arguments])[0]
        if case .error(let message) = reply { throw .replied(message) }
        return reply
    }

    private static func copy(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let value = reply.pointee
        func text() -> String {
            guard let bytes = value.str else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: bytes, count: value.len), as: UTF8.self)
        }
        switch value.type {
        case REDIS_REPLY_STATUS: return .status(text())
        case REDIS_REPLY_ERROR: return .error(text())
        case REDIS_REPLY_INTEGER: return .integer(value.integer)
        case REDIS_REPLY_STRING: return .string(text())
        case REDIS_REPLY_ARRAY:
            return .array((0..<value.elements).map { copy(value.element[$0]!) })
        default: return .null
        }
    }

    /// Runs `body` with the arguments as C strings and their lengths (binary-safe), all in one buffer.
    private static func withArguments(
        _ arguments: [String],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Int32
    ) -> Int32 {
        var bytes: [CChar] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        for argument in arguments {
            offsets.append(bytes.count)
            lengths.append(argument.utf8.count)
            bytes.append(contentsOf: argument.utf8CString)
        }
        return bytes.withUnsafeBufferPointer { bytes in
            var pointers = offsets.map { Optional(UnsafePointer(bytes.baseAddress! + $0)) }
            return pointers.withUnsafeMutableBufferPointer { pointers in
                lengths.withUnsafeBufferPointer { lengths in
                    body(Int32(arguments.count), pointers.baseAddress!, lengths.baseAddress!)
                }
            }
        }
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func timeval(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
