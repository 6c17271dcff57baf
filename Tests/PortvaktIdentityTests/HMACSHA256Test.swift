import Crypto
import Foundation

/// HMAC-SHA256 computed directly with Crypto, independent of the code under test.
enum HMACSHA256Test {
    static func mac(_ message: Data, key: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
