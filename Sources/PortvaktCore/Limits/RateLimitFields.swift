/// The IETF draft-10 `RateLimit-Policy` and `RateLimit` field values, and `Retry-After` seconds.
public enum RateLimitFields {
    /// `"name";q=120;w=60`: `quota` tokens per window, the window in whole seconds rounded up (at least 1).
    public static func policy(name: String, quota: Int, windowNanoseconds: Int64) -> String {
        "\(quotedString(name));q=\(quota);w=\(max(1, secondsRoundedUp(windowNanoseconds)))"
    }

    /// The policy field for a token-bucket rule: the quota is the refill `count` over its period.
    public static func policy(name: String, policy: TokenBucketPolicy) -> String {
        self.policy(name: name, quota: Int(policy.count), windowNanoseconds: policy.periodNanoseconds)
    }

    /// `"name";r=87;t=12`: `remaining` tokens, and the seconds until the bucket is full, rounded up.
    public static func rateLimit(name: String, remaining: Int, resetNanoseconds: Int64) -> String {
        "\(quotedString(name));r=\(max(0, remaining));t=\(secondsRoundedUp(resetNanoseconds))"
    }

    /// `Retry-After` for a refusal: whole seconds rounded up, at least 1, so a client never retries
    /// before the token is there and never reads 0 as "retry at once".
    public static func retryAfterSeconds(nanoseconds: Int64) -> Int64 {
        max(1, secondsRoundedUp(nanoseconds))
    }

    /// An RFC 9651 sf-string: `"` and `\` escaped with `\`.
    ///
    /// An sf-string holds only printable ASCII; any other character (rule names are checked when the
    /// config is read) becomes `?` rather than producing an invalid field.
    public static func quotedString(_ value: String) -> String {
        // Every answer carries its rule's name this way, and names need no escape: one copy, no scalar walk.
        if value.utf8.allSatisfy({ (0x20...0x7E).contains($0) && $0 != 0x22 && $0 != 0x5C }) {
            return "\"" + value + "\""
        }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x5C:
                quoted.append("\\")
                quoted.unicodeScalars.append(scalar)
            case 0x20...0x7E: quoted.unicodeScalars.append(scalar)
            default: quoted.append("?")
            }
        }
        quoted.append("\"")
        return quoted
    }

    /// Whole seconds rounded up; 0 for 0 or less.
    static func secondsRoundedUp(_ nanoseconds: Int64) -> Int64 {
        nanoseconds <= 0 ? 0 : (nanoseconds - 1) / 1_000_000_000 + 1
    }
}
