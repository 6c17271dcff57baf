import Foundation
import PortvaktIdentity
import Testing

@Suite struct PseudonymizerTests {
    @Test func pseudonymIsFnrAndTheFirst12HexDigitsOfTheHMAC() {
        let mac = HMACSHA256Test.mac(Data("03864299708".utf8), key: Data("change-me".utf8))
        let expected = "fnr:" + mac.prefix(6).map { String(format: "%02x", $0) }.joined()
        #expect(Pseudonymizer(key: "change-me").pseudonym(for: "03864299708") == expected)
    }

    @Test func pseudonymOfAKnownKeyAndNumberIsFixed() {
        // HMAC-SHA256("change-me", "03864299708"), computed with Python's hmac module.
        #expect(Pseudonymizer(key: "change-me").pseudonym(for: "03864299708") == "fnr:562c3df5e8c4")
    }

    @Test func pseudonymIsStableAndDependsOnKeyAndNumber() {
        let pseudonymizer = Pseudonymizer(key: "k")
        #expect(pseudonymizer.pseudonym(for: "03864299708") == pseudonymizer.pseudonym(for: "03864299708"[...]))
        #expect(pseudonymizer.pseudonym(for: "03864299708") != pseudonymizer.pseudonym(for: "31129956715"))
        #expect(pseudonymizer.pseudonym(for: "03864299708") != Pseudonymizer(key: "l").pseudonym(for: "03864299708"))
    }
}
