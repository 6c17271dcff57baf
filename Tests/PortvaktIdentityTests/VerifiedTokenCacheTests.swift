import PortvaktIdentity
import Testing

@Suite struct VerifiedTokenCacheTests {
    func identity(_ supplier: String = "312345676", expiresAt: Int64 = 1_000) -> SupplierIdentity {
        SupplierIdentity(
            supplier: supplier, customer: supplier, clientID: nil, kind: .maskinporten, expiresAt: expiresAt)
    }

    @Test func hitUntilValidUntilThenGone() {
        var cache = VerifiedTokenCache(capacity: 4)
        cache.insert(identity(), for: "t1", validUntil: 1_030, now: 900)
        #expect(cache.identity(for: "t1", now: 1_029) == identity())
        #expect(cache.identity(for: "t2", now: 1_029) == nil)
        #expect(cache.identity(for: "t1", now: 1_030) == nil)
        #expect(cache.count == 0, "an entry found expired is removed")
    }

    @Test func alreadyExpiredEntriesAreNotInserted() {
        var cache = VerifiedTokenCache(capacity: 4)
        cache.insert(identity(), for: "t1", validUntil: 1_030, now: 1_030)
        #expect(cache.count == 0)
    }

    @Test func neverHoldsMoreThanItsCapacity() {
        var cache = VerifiedTokenCache(capacity: 8)
        for index in 0..<100 {
            cache.insert(identity("\(index)"), for: "token-\(index)"[...], validUntil: 2_000, now: 0)
            #expect(cache.count <= 8)
        }
        #expect(cache.count == 8)
        #expect(cache.identity(for: "token-99", now: 0) == identity("99"), "the newest entry is kept")
    }

    @Test func whenFullExpiredEntriesGoFirst() {
        var cache = VerifiedTokenCache(capacity: 3)
        cache.insert(identity("a"), for: "a", validUntil: 2_000, now: 0)
        cache.insert(identity("b"), for: "b", validUntil: 100, now: 0)
        cache.insert(identity("c"), for: "c", validUntil: 2_000, now: 0)
        cache.insert(identity("d"), for: "d", validUntil: 2_000, now: 150)
        #expect(cache.count == 3)
        for kept in ["a", "c", "d"] {
            #expect(cache.identity(for: kept[...], now: 150) == identity(kept))
        }
    }

    @Test func anEntryInsertedByASweepingInsertIsSweptWhenItExpires() {
        var cache = VerifiedTokenCache(capacity: 2)
        cache.insert(identity("a"), for: "a", validUntil: 100, now: 0)
        cache.insert(identity("b"), for: "b", validUntil: 100, now: 0)
        cache.insert(identity("c"), for: "c", validUntil: 300, now: 150)
        cache.insert(identity("d"), for: "d", validUntil: 200, now: 150)
        cache.insert(identity("e"), for: "e", validUntil: 900, now: 250)
        #expect(cache.identity(for: "c", now: 250) == identity("c"), "d expired first and made room")
        #expect(cache.identity(for: "e", now: 250) == identity("e"))
    }

    @Test func tokensThatShareAPrefixAreDistinct() {
        var cache = VerifiedTokenCache(capacity: 4)
        cache.insert(identity("a"), for: "token", validUntil: 100, now: 0)
        #expect(cache.identity(for: "token2", now: 0) == nil)
        #expect(cache.identity(for: "toke", now: 0) == nil)
        #expect(cache.identity(for: "xtoken".dropFirst(), now: 0) == identity("a"))
    }

    @Test func tokensThatShareTheirHashedTailAreDistinct() {
        let tail = String(repeating: "s", count: 64)
        var cache = VerifiedTokenCache(capacity: 4)
        cache.insert(identity("a"), for: "a.\(tail)"[...], validUntil: 100, now: 0)
        #expect(cache.identity(for: "b.\(tail)"[...], now: 0) == nil)
        cache.insert(identity("b"), for: "b.\(tail)"[...], validUntil: 100, now: 0)
        #expect(cache.identity(for: "b.\(tail)"[...], now: 0) == identity("b"))
        #expect(cache.identity(for: "a.\(tail)"[...], now: 0) == nil, "the later token replaced the earlier")
    }

    @Test func whenFullARecentlyUsedEntrySurvivesAnUnusedOne() {
        var cache = VerifiedTokenCache(capacity: 2)
        cache.insert(identity("a"), for: "a", validUntil: 2_000, now: 0)
        cache.insert(identity("b"), for: "b", validUntil: 2_000, now: 0)
        _ = cache.identity(for: "a", now: 1)
        cache.insert(identity("c"), for: "c", validUntil: 2_000, now: 2)
        #expect(cache.identity(for: "a", now: 3) == identity("a"))
        #expect(cache.identity(for: "b", now: 3) == nil)
        #expect(cache.identity(for: "c", now: 3) == identity("c"))
    }

    @Test func reinsertingATokenReplacesItsEntry() {
        var cache = VerifiedTokenCache(capacity: 2)
        cache.insert(identity("a"), for: "t", validUntil: 100, now: 0)
        cache.insert(identity("b"), for: "t", validUntil: 200, now: 0)
        #expect(cache.count == 1)
        #expect(cache.identity(for: "t", now: 150) == identity("b"))
    }
}
