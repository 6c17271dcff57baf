/// The JWS algorithms Portvakt accepts: the asymmetric ones Maskinporten, ID-porten and Altinn sign with.
/// Anything else (`none`, the HMAC family, PS256 …) is refused before a key is even looked up.
public enum SignatureAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// ECDSA on P-256 with SHA-256, signature as the 64 bytes `r || s`.
    case es256 = "ES256"
}
