/// Identities of tokens that verified, keyed by the exact token string, so that a supplier reusing its token
/// (the normal case: a Maskinporten token lives 2 minutes, an Altinn token 30) costs a hash lookup instead of
/// a signature check. Only verified identities go in: a token that failed never becomes a hit.
///
/// A value type and not thread-safe by design: each event loop owns one, and hits need no lock. The same
/// token may then be verified once per loop, which costs little.
///
/// Bounded: when full, an insert first removes every expired entry (only when at least one has expired:
/// the earliest expiry is tracked), and otherwise evicts one entry by the clock (second-chance) algorithm,
/// so that tokens in use stay while one-off tokens go.
public struct VerifiedTokenCache {
    public let capacity: Int
    private var slotByToken: [String: Int] = [:]
    private var slots: [Slot?] = []
    private var freeSlots: [Int] = []
    private var hand = 0
    /// No entry expires before this, so a full cache with `now` below it has nothing expired to sweep.
    private var earliestValidUntil = Int64.max

    private struct Slot {
        var token: String
        var identity: SupplierIdentity
        var validUntil: Int64
        var referenced: Bool
    }

    public init(capacity: Int) {
        precondition(capacity > 0, "a token cache needs room for at least one entry")
        self.capacity = capacity
    }

    public var count: Int { slotByToken.count }

    /// The cached identity while `now` is before its `validUntil`; an entry found expired is removed.
    public mutating func identity(for token: Substring, now: Int64) -> SupplierIdentity? {
        guard let index = slotByToken[String(token)], let slot = slots[index] else { return nil }
        guard now < slot.validUntil else {
            remove(at: index)
            return nil
        }
        slots[index]?.referenced = true
        return slot.identity
    }

    /// Keeps `identity` for `token` until `validUntil` (Unix seconds: the token's `exp` plus the leeway the
    /// verifier allowed). An entry already valid at `now` is never inserted twice.
    public mutating func insert(_ identity: SupplierIdentity, for token: Substring, validUntil: Int64, now: Int64) {
        guard now < validUntil else { return }
        let key = String(token)
        if let index = slotByToken[key] {
            slots[index] = Slot(token: key, identity: identity, validUntil: validUntil, referenced: true)
            earliestValidUntil = min(earliestValidUntil, validUntil)
            return
        }
        if slotByToken.count >= capacity {
            makeRoom(now: now)
        }
        let slot = Slot(token: key, identity: identity, validUntil: validUntil, referenced: false)
        let index: Int
        if let free = freeSlots.popLast() {
            index = free
            slots[index] = slot
        } else {
            index = slots.count
            slots.append(slot)
        }
        slotByToken[key] = index
        earliestValidUntil = min(earliestValidUntil, validUntil)
    }

    private mutating func makeRoom(now: Int64) {
        if now >= earliestValidUntil {
            removeExpired(now: now)
            if slotByToken.count < capacity { return }
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
        slotByToken[slot.token] = nil
        slots[index] = nil
        freeSlots.append(index)
    }
}
