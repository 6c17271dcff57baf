import Synchronization

/// The process's limiter, shared by every event-loop thread: `LimiterTable` shards, each behind its own lock,
/// so that threads deciding for different subjects rarely wait for each other.
///
/// A key's shard comes from its subject's digest, so every rule of one subject lands in the same shard and
/// most requests lock one shard. A request whose checks span shards locks each of them, in ascending shard
/// order (two requests can never wait on each other in a cycle), checks all, takes from all or none, and
/// unlocks: all-or-nothing stays exact under concurrency.
///
/// Each shard sits on its own 128 bytes, so a lock taken on one thread does not contend for the cache line
/// of a neighbouring shard's lock (false sharing).
public final class ShardedLimiter: @unchecked Sendable {
    // @unchecked: `shards` is set once in init and every shard is only reached through its Mutex.

    /// The number of shards, a power of two in 1...64.
    public let shardCount: Int
    /// The keys each shard keeps itself to while any can be evicted.
    public let shardCapacity: Int

    private let shards: UnsafeMutableRawPointer
    private static let shardStride = (MemoryLayout<Mutex<LimiterTable>>.stride + 127) / 128 * 128

    /// A limiter for `capacity` keys in all, split evenly over `shardCount` shards; `sweepLimit` as in
    /// `LimiterTable`.
    public init(capacity: Int, shardCount: Int = 16, sweepLimit: Int = 8) {
        precondition(
            (1...64).contains(shardCount) && shardCount.nonzeroBitCount == 1, "shards: a power of two up to 64")
        precondition(capacity >= 1)
        self.shardCount = shardCount
        self.shardCapacity = (capacity + shardCount - 1) / shardCount
        shards = UnsafeMutableRawPointer.allocate(byteCount: shardCount * Self.shardStride, alignment: 128)
        for shard in 0..<shardCount {
            (shards + shard * Self.shardStride).bindMemory(to: Mutex<LimiterTable>.self, capacity: 1)
                .initialize(to: Mutex(LimiterTable(capacity: shardCapacity, sweepLimit: sweepLimit)))
        }
    }

    deinit {
        for shard in 0..<shardCount { mutex(shard).deinitialize(count: 1) }
        shards.deallocate()
    }

    /// The keys tracked, over all shards (each counted under its own lock, so only a snapshot).
    public var count: Int {
        (0..<shardCount).reduce(0) { sum, shard in sum + mutex(shard).pointee.withLock { $0.count } }
    }

    /// The bytes of all shards' storage (see `LimiterTable.allocatedBytes`), plus the shards themselves.
    public var allocatedBytes: Int {
        (0..<shardCount).reduce(shardCount * Self.shardStride) { sum, shard in
            sum + mutex(shard).pointee.withLock { $0.allocatedBytes }
        }
    }

    /// The bucket of `key` at `now` under `policy`, without taking a token (a key not tracked is full).
    public func peek(_ key: LimiterKey, now: Int64, policy: TokenBucketPolicy) -> TokenBucketDecision {
        mutex(shard(of: key.subject)).pointee.withLock { $0.peek(key, now: now, policy: policy) }
    }

    /// Decides one request that matched `checks` (at most 64, distinct keys): a token from each, or from none.
    /// Allocates nothing for keys already tracked.
    public func decide(_ checks: [LimiterCheck], now: Int64) -> LimiterOutcome {
        checks.withUnsafeBufferPointer { decide($0, now: now) }
    }

    /// `decide(_:now:)` on checks held anywhere, such as a buffer on the caller's stack.
    public func decide(_ checks: UnsafeBufferPointer<LimiterCheck>, now: Int64) -> LimiterOutcome {
        assert(LimiterTable.keysAreDistinct(checks), "a request checks each (rule, subject) once")
        var touched: UInt64 = 0
        for check in checks { touched |= 1 << shard(of: check.key.subject) }
        if touched.nonzeroBitCount <= 1 {
            let only = touched == 0 ? 0 : touched.trailingZeroBitCount
            return mutex(only).pointee.withLock {
                $0.decide(checks, now: now)
            }
        }
        return withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<LimiterTable>.self, capacity: shardCount) {
            tables in
            locking(touched, into: tables) {
                LimiterOutcome(
                    deciding: checks.count,
                    allows: { position in
                        let check = checks[position]
                        return tables[shard(of: check.key.subject)].pointee.allows(check, now: now)
                    },
                    peek: { position in
                        let check = checks[position]
                        return tables[shard(of: check.key.subject)].pointee.peek(
                            check.key, now: now, policy: check.policy)
                    },
                    take: { position in
                        let check = checks[position]
                        return tables[shard(of: check.key.subject)].pointee.take(check, now: now)
                    })
            }
        }
    }

    /// Locks the shards in `remaining` from the lowest index up, putting each one's table in `tables`, and
    /// runs `body` while all of them are held.
    private func locking(
        _ remaining: UInt64, into tables: UnsafeMutableBufferPointer<UnsafeMutablePointer<LimiterTable>>,
        _ body: () -> LimiterOutcome
    ) -> LimiterOutcome {
        guard remaining != 0 else { return body() }
        let index = remaining.trailingZeroBitCount
        return mutex(index).pointee.withLock { table in
            withUnsafeMutablePointer(to: &table) { pointer in
                tables[index] = pointer
                return locking(remaining & (remaining - 1), into: tables, body)
            }
        }
    }

    /// The shard that holds every bucket of `subject`.
    public func shard(of subject: LimiterSubject) -> Int {
        Int(truncatingIfNeeded: subject.second) & (shardCount - 1)
    }

    private func mutex(_ index: Int) -> UnsafeMutablePointer<Mutex<LimiterTable>> {
        (shards + index * Self.shardStride).assumingMemoryBound(to: Mutex<LimiterTable>.self)
    }
}
