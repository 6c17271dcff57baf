import Crypto
import PortvaktCore

/// GCRA for the buckets of one request, decided inside Redis in one script call, so that instances sharing
/// a bucket can never both take its last token, and on Redis's clock (`TIME`), never an instance's.
///
/// Redis's Lua has doubles only, so time there is in whole microseconds since the epoch (exact below 2^53):
/// a bucket's emission interval is rounded to the nearest microsecond (at least 1), which changes a rate by
/// at most 0.5 µs per token (for 120/60 s, one part in a million), and its tolerance is (burst − 1) of them.
/// Enforced buckets give a token each or none, as in the local limiter; shadow buckets are decided one by one.
enum SharedBucketScript {
    /// KEYS: the buckets, enforced first. ARGV[1]: how many are enforced; then per bucket its emission interval
    /// and tolerance in µs. Returns Redis's now and, per bucket, 1 if a token was taken (else 0) and the
    /// theoretical arrival time after, both as text (exact integers). Idle buckets expire once full.
    static let source = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local enforced = tonumber(ARGV[1])
        local arrivals = {}
        local all = true
        for i = 1, #KEYS do
          local arrival = tonumber(redis.call('GET', KEYS[i]) or '0')
          if arrival < now then arrival = now end
          arrivals[i] = arrival
          if i <= enforced and arrival - now > tonumber(ARGV[2 * i + 1]) then all = false end
        end
        local result = {string.format('%.0f', now)}
        for i = 1, #KEYS do
          local interval = tonumber(ARGV[2 * i])
          local take = all
          if i > enforced then take = arrivals[i] - now <= tonumber(ARGV[2 * i + 1]) end
          if take then
            local after = arrivals[i] + interval
            redis.call('SET', KEYS[i], string.format('%.0f', after), 'PX', math.floor((after - now) / 1000) + 1)
            result[#result + 1] = 1
            result[#result + 1] = string.format('%.0f', after)
          else
            result[#result + 1] = 0
            result[#result + 1] = string.format('%.0f', arrivals[i])
          end
        end
        return result
        """

    /// A policy in the script's microseconds.
    struct Shape: Equatable {
        var burst: Int
        var interval: Int64
        var tolerance: Int64

        init(_ policy: TokenBucketPolicy) {
            let nanoseconds = (policy.periodNanoseconds + policy.count / 2) / policy.count
            self.burst = policy.burst
            self.interval = max(1, (nanoseconds + 500) / 1000)
            self.tolerance = Int64(policy.burst - 1) * self.interval
        }
    }

    /// The Redis key of a bucket: a digest of rule, policy and subject, so a subject's text is not kept in
    /// Redis and instances with the same rule share the bucket while a changed policy starts a fresh one.
    static func key(of bucket: SharedLimiterRequest.Bucket) -> String {
        let policy = bucket.policy
        let identity = "\(bucket.rule)\u{0}\(policy.burst)\u{0}\(policy.count)\u{0}\(policy.periodNanoseconds)\u{0}"
        let digest = SHA256.hash(data: Array((identity + bucket.subject).utf8))
        return "portvakt:bucket:" + digest.prefix(16).hexString
    }

    /// The script's keys and arguments for `request`.
    static func call(_ request: SharedLimiterRequest) -> (keys: [String], arguments: [String]) {
        let buckets = request.enforced + request.shadow
        var arguments = [String(request.enforced.count)]
        for bucket in buckets {
            let shape = Shape(bucket.policy)
            arguments.append(String(shape.interval))
            arguments.append(String(shape.tolerance))
        }
        return (buckets.map(key(of:)), arguments)
    }

    /// What the buckets answered, from the script's reply; nil when the reply is not the script's.
    static func answer(
        _ reply: RedisReply, to request: SharedLimiterRequest
    ) -> (enforced: LimiterOutcome?, shadowAllowed: [Bool])? {
        let buckets = request.enforced + request.shadow
        guard case .array(let values) = reply, values.count == 1 + 2 * buckets.count,
            let now = values[0].integer
        else { return nil }
        var decisions: [TokenBucketDecision] = []
        for (index, bucket) in buckets.enumerated() {
            guard let taken = values[1 + 2 * index].integer, let arrival = values[2 + 2 * index].integer else {
                return nil
            }
            decisions.append(Self.decision(taken: taken == 1, ahead: arrival - now, shape: Shape(bucket.policy)))
        }
        let enforced = decisions.prefix(request.enforced.count)
        let outcome =
            enforced.isEmpty
            ? nil
            : LimiterOutcome(
                deciding: enforced.count, allows: { enforced[$0].isAllowed }, peek: { enforced[$0] },
                take: { enforced[$0] })
        return (outcome, decisions.dropFirst(request.enforced.count).map(\.isAllowed))
    }

    /// One bucket's decision, `ahead` µs between its theoretical arrival time and now: taken, one that would
    /// have been allowed but another enforced bucket refused (a peek), or refused.
    static func decision(taken: Bool, ahead: Int64, shape: Shape) -> TokenBucketDecision {
        let remaining = max(0, shape.burst - Int((ahead + shape.interval - 1) / shape.interval))
        if taken || ahead <= shape.tolerance {
            return TokenBucketDecision(
                isAllowed: true, remaining: remaining, retryAfterNanoseconds: 0, resetNanoseconds: ahead * 1000)
        }
        return TokenBucketDecision(
            isAllowed: false, remaining: 0, retryAfterNanoseconds: (ahead - shape.tolerance) * 1000,
            resetNanoseconds: ahead * 1000)
    }
}
