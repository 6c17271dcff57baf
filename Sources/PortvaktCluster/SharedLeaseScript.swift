import PortvaktCore

/// Lends an instance tokens of one shared bucket (`BucketLeases`), in Redis and on its clock like
/// `SharedBucketScript`, on the same keys: as many as asked, but never so many that the bucket is left with
/// less than half its burst. Near its limit a bucket lends nothing, and its requests are decided one by one.
enum SharedLeaseScript {
    /// KEYS[1]: the bucket. ARGV: its emission interval and tolerance in µs, the tokens asked for, and the tokens
    /// it must keep. Returns the tokens lent and the theoretical arrival time's lead over now after, in µs.
    static let source = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local interval = tonumber(ARGV[1])
        local arrival = tonumber(redis.call('GET', KEYS[1]) or '0')
        if arrival < now then arrival = now end
        local room = math.floor((tonumber(ARGV[2]) - tonumber(ARGV[4]) * interval - (arrival - now)) / interval) + 1
        local lent = math.max(0, math.min(tonumber(ARGV[3]), room))
        if lent > 0 then
          arrival = arrival + lent * interval
          redis.call('SET', KEYS[1], string.format('%.0f', arrival), 'PX', math.floor((arrival - now) / 1000) + 1)
        end
        return {lent, string.format('%.0f', arrival - now)}
        """

    /// The script's keys and arguments for `topUp`.
    static func call(_ topUp: BucketLeases.TopUp) -> (keys: [String], arguments: [String]) {
        let shape = SharedBucketScript.Shape(topUp.bucket.policy)
        let keep = (shape.burst + 1) / 2
        return (
            [SharedBucketScript.key(of: topUp.bucket)],
            [String(shape.interval), String(shape.tolerance), String(topUp.tokens), String(keep)]
        )
    }

    /// The tokens lent and the bucket as it stands in Redis after; nil when the reply is not the script's.
    static func answer(_ reply: RedisReply, to topUp: BucketLeases.TopUp) -> (
        lent: Int, bucketState: TokenBucketDecision
    )? {
        guard case .array(let values) = reply, values.count == 2, let lent = values[0].integer,
            let ahead = values[1].integer
        else { return nil }
        let state = SharedBucketScript.decision(
            taken: true, ahead: ahead, shape: SharedBucketScript.Shape(topUp.bucket.policy))
        return (Int(lent), state)
    }
}
