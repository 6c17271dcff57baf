import Testing

@testable import PortvaktCore

@Suite struct ByteHashingTests {
    private func hash(_ text: String, salt: UInt64 = 1) -> UInt64 { ByteHashing.hash(text, salt: salt) }

    @Test func equalBytesHashAlikeAndSaltsAreIndependent() {
        #expect(hash("/dialogporten/api/v1/enduser/dialogs") == hash("/dialogporten/api/v1/enduser/dialogs"))
        #expect(
            hash("/dialogporten/api/v1/enduser/dialogs", salt: 1)
                != hash("/dialogporten/api/v1/enduser/dialogs", salt: 2))
    }

    /// Every length from 0 to 40 (whole words and every tail), every single-byte change, and trailing zero
    /// bytes: all different, so neither padding nor position is lost.
    @Test func noTwoOfManyNearbyInputsCollide() {
        var inputs: [[UInt8]] = (0...40).map { Array(repeating: UInt8(ascii: "a"), count: $0) }
        inputs += (0..<24).map { position in
            var bytes = Array(repeating: UInt8(ascii: "a"), count: 24)
            bytes[position] = UInt8(ascii: "b")
            return bytes
        }
        inputs += (1...9).map { Array(repeating: 0, count: $0) }
        let hashes = inputs.map { bytes in bytes.withUnsafeBufferPointer { ByteHashing.hash($0, salt: 7) } }
        #expect(Set(hashes).count == Set(inputs).count)
    }
}
