import Crypto
import Foundation

/// Turns identity numbers into the stable pseudonyms of contract §6: `fnr:` and the first 12 lowercase hex
/// digits of HMAC-SHA256(`access_log.pseudonym_key`, number). Stable, so that one person's series stay
/// recognisable across requests and restarts; keyed, so that the 11-digit space cannot simply be enumerated.
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    /// `key` is the configured `access_log.pseudonym_key`, used as its UTF-8 bytes.
    public init(key: String) {
        self.key = SymmetricKey(data: Data(key.utf8))
    }

    public func pseudonym(for number: some StringProtocol) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(number.utf8), using: key)
        var text = "fnr:"
        for byte in mac.prefix(6) {
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        return text
    }

    private static let hexDigits = Array("0123456789abcdef")
}
