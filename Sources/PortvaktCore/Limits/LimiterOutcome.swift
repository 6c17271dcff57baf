/// What the limiter answered to one request that matched some rules.
public struct LimiterOutcome: Sendable, Hashable {
    /// Whether every rule had a token; only then was one taken from each.
    public var isAllowed: Bool
    /// Positions (in the checks) of every rule that refused; empty when allowed.
    public var refusing: LimiterCheckPositions
    /// When refused: the longest wait any refusing rule asks for, so a retry then finds a token in every one
    /// of them (if nothing else takes it first); 0 when allowed.
    public var retryAfterNanoseconds: Int64
    /// The position of the rule whose RateLimit fields the response carries: the lowest `remaining`; on a tie,
    /// the shortest `resetNanoseconds` (the rule that will say the least about the near future is dropped
    /// in favour of the one that is tight soonest); on a further tie, the first. Nil when no rule matched.
    /// When refused this is always a refusing rule (they hold 0 tokens, an allowing rule at least 1).
    public var mostRestrictive: Int?
    /// That rule's bucket: after its token was taken when allowed, as it stands when refused.
    public var mostRestrictiveDecision: TokenBucketDecision?

    public init(
        isAllowed: Bool, refusing: LimiterCheckPositions, retryAfterNanoseconds: Int64, mostRestrictive: Int?,
        mostRestrictiveDecision: TokenBucketDecision?
    ) {
        self.isAllowed = isAllowed
        self.refusing = refusing
        self.retryAfterNanoseconds = retryAfterNanoseconds
        self.mostRestrictive = mostRestrictive
        self.mostRestrictiveDecision = mostRestrictiveDecision
    }

    /// Decides a request of `count` checks: only if every position `allows` is a token taken from each
    /// (`take`), so a refusal by one rule never costs a token in another; else every position is `peek`ed
    /// for the refusal's details. A request of one rule is just a take. Allocates nothing.
    ///
    /// One algorithm for a single table, for shards locked together and for buckets shared in Redis, so all
    /// answer alike.
    public init(
        deciding count: Int, allows: (_ position: Int) -> Bool, peek: (_ position: Int) -> TokenBucketDecision,
        take: (_ position: Int) -> TokenBucketDecision
    ) {
        precondition(count <= LimiterCheckPositions.limit, "a request checks at most 64 rules")
        if count == 1 {
            // One rule: taking is all there is to it, as a refused take changes nothing and says what a peek would.
            let decision = take(0)
            self.init(
                isAllowed: decision.isAllowed, refusing: decision.isAllowed ? [] : [0],
                retryAfterNanoseconds: decision.retryAfterNanoseconds, mostRestrictive: 0,
                mostRestrictiveDecision: decision)
            return
        }
        var restrictive = MostRestrictive()
        if (0..<count).allSatisfy(allows) {
            for position in 0..<count { restrictive.consider(take(position), at: position) }
            self.init(
                isAllowed: true, refusing: [], retryAfterNanoseconds: 0, mostRestrictive: restrictive.position,
                mostRestrictiveDecision: restrictive.decision)
            return
        }
        var refusing = LimiterCheckPositions()
        var retryAfter: Int64 = 0
        for position in 0..<count {
            let decision = peek(position)
            if !decision.isAllowed {
                refusing.insert(position)
                retryAfter = max(retryAfter, decision.retryAfterNanoseconds)
            }
            restrictive.consider(decision, at: position)
        }
        self.init(
            isAllowed: false, refusing: refusing, retryAfterNanoseconds: retryAfter,
            mostRestrictive: restrictive.position, mostRestrictiveDecision: restrictive.decision)
    }

    /// The running choice of the rule whose fields the response carries.
    private struct MostRestrictive {
        var position: Int?
        var decision: TokenBucketDecision?

        mutating func consider(_ candidate: TokenBucketDecision, at candidatePosition: Int) {
            if let held = decision,
                (held.remaining, held.resetNanoseconds) <= (candidate.remaining, candidate.resetNanoseconds)
            {
                return
            }
            position = candidatePosition
            decision = candidate
        }
    }
}
