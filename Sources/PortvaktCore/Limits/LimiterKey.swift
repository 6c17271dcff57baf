/// Which bucket a request draws from: one per rule and subject (the supplier, client id, IP … the rule keys on).
public struct LimiterKey: Sendable, Hashable {
    /// The rule's position in the configuration; never negative (the table marks its vacant slots with -1).
    public var rule: Int32
    /// The digest of the rule's key value for this request.
    public var subject: LimiterSubject

    public init(rule: Int32, subject: LimiterSubject) {
        self.rule = rule
        self.subject = subject
    }

    public init(rule: Int32, subject: String) {
        self.init(rule: rule, subject: LimiterSubject(subject))
    }
}
