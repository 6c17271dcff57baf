import PortvaktCore
import PortvaktIdentity

extension IdentityNumberScrubber {
    /// A scrubber that writes `pseudonymizer`'s pseudonyms: with the key the token verifier uses, a person is the
    /// same `fnr:` pseudonym whether the number came in a token's `pid` or in a path.
    public init(_ pseudonymizer: Pseudonymizer) {
        self.init { pseudonymizer.pseudonym(for: $0) }
    }
}
