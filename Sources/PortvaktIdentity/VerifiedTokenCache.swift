import Foundation

/// Identities of tokens that verified, keyed by the exact token string, so that a supplier reusing its token
/// (the normal case: a Maskinporten token lives 2 minutes, an Altinn token 30) costs a hash lookup instead of
/// a signature check. Only verified identities go in: a token that failed never becomes a hit.
///
/// Entries are found by a seeded hash (`Hasher`) of the token's last 32 bytes, which lie in its signature and
/// so differ between any two tokens an issuer signed, and then compared byte for byte; a lookup copies
/// nothing and hashes little. Two tokens with the same hash share one entry, the later replacing the earlier:
/// a miss for the other, never a wrong hit.
///
/// A value type and not thread-safe by design: each event loop owns one, and hits need no lock. The same
/// token may then be verified once per loop, which costs little.
///
/// Bounded: when full, an insert first removes every expired entry (only when at least one has expired:
/// the earliest expiry is tracked), and otherwise evicts one entry by the clock (second-chance) algorithm,
/// so that tokens in use stay while one-off tokens go.
public struct VerifiedTokenCache {
    public let capacity: Int
    private var slotByHash: [Int: Int] = [:]
    private var slots: [Slot?] = []
    private var freeSlots: [Int] = []
    private var hand = 0
    /// No entry expires before this, so a full cache with `now` below it has nothing expired to sweep.
    private var earliestValidUntil = Int64.max

    private struct Slot {
        var token: [UInt8]
        var hash: Int
        var identity: SupplierIdentity
        var validUntil: Int64
        var referenced: Bool
    }

    public init(capacity: Int) {
        precondition(capacity > 0, "a token cache needs room for at least one entry")
        self.capacity = capacity
    }

    public var count: Int { slotByHash.count }

    /// The cached identity while `now` is before its `validUntil`; an entry found expired is removed.
    public mutating func identity(for token: Substring, now: Int64) -> SupplierIdentity? {
        let hash = Self.hash(token)
        guard let index = slotByHash[hash], let slot = slots[index], Self.bytes(of: token, equal: slot.token) else {
            return nil
        }
        guard now < slot.validUntil else {
            remove(at: index)
            return nil
        }
        slots[index]?.referenced = true
        return slot.identity
    }

    /// Keeps `identity` for `token` until `validUntil` (Unix seconds: the token's `exp` plus the leeway the
    /// verifier allowed); replaces the token's entry if it has one.
    public mutating func insert(_ identity: SupplierIdentity, for token: Substring, validUntil: Int64, now: Int64) {
        guard now < validUntil else { return }
        let hash = Self.hash(token)
        let slot = Slot(
            token: Array(token.utf8), hash: hash, identity: identity, validUntil: validUntil, referenced: false)
        defer { earliestValidUntil = min(earliestValidUntil, validUntil) }
        if let index = slotByHash[hash] {
            slots[index] = slot
            return
        }
        if slotByHash.count >= capacity {
            makeRoom(now: now)
        }
        let index: Int
        if let free = freeSlots.popLast() {
            index = free
            slots[index] = slot
        } else {
            index = slots.count
            slots.append(slot)
        }
        slotByHash[hash] = index
    }

    private mutating func makeRoom(now: Int64) {
        if now >= earliestValidUntil {
            removeExpired(now: now)
            if slotByHash.count < capacity { return }
        }
        while true {
            if let slot = slots[hand] {
                if slot.referenced {
                    slots[hand]?.referenced = false
                } else {
                    remove(at: hand)
                    hand = (hand + 1) % slots.count
                    return
                }
            }
            hand = (hand + 1) % slots.count
        }
    }

    private mutating func removeExpired(now: Int64) {
        earliestValidUntil = .max
        for index in slots.indices {
            guard let slot = slots[index] else { continue }
            if now >= slot.validUntil {
                remove(at: index)
            } else {
                earliestValidUntil = min(earliestValidUntil, slot.validUntil)
            }
        }
    }

    private mutating func remove(at index: Int) {
        guard let slot = slots[index] else { return }
        slotByHash[slot.hash] = nil
        slots[index] = nil
        freeSlots.append(index)
    }

    private static let hashedSuffixLength = 32

    private static func hash(_ token: Substring) -> Int {
        withUTF8(of: token) { bytes in
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes.suffix(hashedSuffixLength)))
            return hasher.finalize()
        }
    }

    private static func bytes(of token: Substring, equal stored: [UInt8]) -> Bool {
        withUTF8(of: token) { bytes in
            stored.withUnsafeBytes { storedBytes in
                storedBytes.count == bytes.count
                    && (bytes.isEmpty || memcmp(storedBytes.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
            }
        }
    }

    /// The token's UTF-8 bytes in place; a copy only for a string that is not stored contiguously (bridged).
    private static func withUTF8<Result>(of token: Substring, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = token.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = String(token)
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
