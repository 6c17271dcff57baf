import PortvaktConfig
import PortvaktIdentity

/// How the proxy learns who sent a request: the verifier for bearer tokens, and what happens to a request
/// whose token is missing or does not verify.
public struct IdentityPolicy: Sendable {
    public var verifier: TokenVerifier
    /// True: answer 401. False: serve it as `anonymous`, limited by client address.
    public var rejectsInvalidTokens: Bool

    public init(verifier: TokenVerifier, rejectsInvalidTokens: Bool) {
        self.verifier = verifier
        self.rejectsInvalidTokens = rejectsInvalidTokens
    }
}

extension IdentityPolicy {
    /// The policy `identity` describes: its JWKS files loaded (a file that cannot be used is an error naming it),
    /// its issuers, and the access log's pseudonym key for ID-porten's `pid`.
    public init(_ configuration: PortvaktConfiguration) throws(JSONWebKeySetError) {
        let keys = try JSONWebKeySet.load(files: configuration.identity.jwks)
        self.init(
            verifier: TokenVerifier(
                keys: keys, issuers: configuration.identity.issuers,
                pseudonymizer: Pseudonymizer(key: configuration.accessLog.pseudonymKey)),
            rejectsInvalidTokens: configuration.identity.onInvalidToken == .reject)
    }
}
