import Crypto
import Foundation
import _CryptoExtras

/// One public key from a JWKS, ready to check signatures of the one algorithm its type allows.
public enum VerificationKey: Sendable {
    case rsa(_RSA.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)

    /// The algorithm this key verifies; a token naming the other one is refused, so an RSA key can never be
    /// used as if it were something else.
    public var algorithm: SignatureAlgorithm {
        switch self {
        case .rsa: .rs256
        case .p256: .es256
        }
    }

    /// Whether `signature` signs `signingInput` (the ASCII `header.payload` of a compact JWS).
    func isValidSignature(_ signature: Data, for signingInput: Substring.UTF8View) -> Bool {
        let message = Data(signingInput)
        switch self {
        case .rsa(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: message, padding: .insecurePKCS1v1_5)
        case .p256(let key):
            guard let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: message)
        }
    }
}
