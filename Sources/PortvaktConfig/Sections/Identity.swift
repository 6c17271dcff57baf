extension PortvaktConfiguration {
    /// How bearer tokens are verified and what happens when one does not verify.
    public struct Identity: Sendable, Equatable {
        /// JWKS files with the keys that verify bearer tokens (RS256/ES256).
        public var jwks: [String]
        /// Accepted `iss` values.
        public var issuers: [String]
        public var onInvalidToken: InvalidTokenPolicy

        public enum InvalidTokenPolicy: String, Sendable, Equatable, CaseIterable {
            /// Serve the request, limited by client IP under the `anonymous` supplier.
            case anonymous
            /// Answer 401.
            case reject
        }

        public init(jwks: [String], issuers: [String], onInvalidToken: InvalidTokenPolicy) {
            self.jwks = jwks
            self.issuers = issuers
            self.onInvalidToken = onInvalidToken
        }

        public static let `default` = Identity(
            jwks: ["Config/keys/test-issuer.jwks.json"], issuers: ["https://test.maskinporten.no/"],
            onInvalidToken: .anonymous)
    }
}

extension PortvaktConfiguration.Identity {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            jwks: section.filePaths("jwks") ?? d.jwks,
            issuers: section.scalars("issuers", .text) ?? d.issuers,
            onInvalidToken: section.scalar("on_invalid_token", .oneOf(InvalidTokenPolicy.self, noun: "policy"))
                ?? d.onInvalidToken)
    }
}
