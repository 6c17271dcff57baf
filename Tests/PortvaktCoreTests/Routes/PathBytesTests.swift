import Testing

@testable import PortvaktCore

@Suite struct PathBytesTests {
    @Test func firstIndexFindsTheFirstOccurrenceInRange() {
        let text = Array("/a/b?x=1&y=2&zzzzzzzzzzzzzzzzzz=3&last".utf8)
        text.withUnsafeBufferPointer { bytes in
            for byte in [UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "#")] {
                for start in 0...bytes.count {
                    for end in start...bytes.count {
                        let expected = bytes[start..<end].firstIndex(of: byte)
                        #expect(bytes.firstIndex(of: byte, from: start, to: end) == expected)
                    }
                }
            }
        }
    }

    @Test func firstIndexIsNotFooledByBytesNextToTheOneSought() {
        // 0x25 and 0x27 around `&` (0x26), and 0x80+ bytes, which the zero-lane test must not confuse.
        let text: [UInt8] = [0x27, 0x25, 0xA6, 0x80, 0xFF, 0x00, 0x01, 0x27, 0x25, 0x26, 0x26]
        text.withUnsafeBufferPointer { bytes in
            #expect(bytes.firstIndex(of: 0x26, from: 0, to: bytes.count) == 9)
            #expect(bytes.firstIndex(of: 0x00, from: 0, to: bytes.count) == 5)
            #expect(bytes.firstIndex(of: 0x26, from: 0, to: 9) == nil)
        }
    }
}
