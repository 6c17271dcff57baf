import Testing

@testable import PortvaktReplay

@Suite struct TextInternerTests {
    private func intern(_ bytes: [UInt8], in interner: inout TextInterner) -> String {
        bytes.withUnsafeBufferPointer { interner.string($0) }
    }

    @Test func aTextIsMadeOnceAndGivenAgain() {
        var interner = TextInterner(capacity: 16)
        let texts = ["310012345", "platform.tt02.altinn.no", "dialogporten.enduser.dialogs.search", "", "ø"]
        for _ in 0..<3 {
            for text in texts { #expect(intern(Array(text.utf8), in: &interner) == text) }
        }
        #expect(interner.count == texts.count)
    }

    /// The known texts are there from the start and handed out as given; others are added beside them.
    @Test func knownTextsAreHandedOutWithoutBeingMadeAgain() {
        let known = ["dialogporten.enduser.dialogs.search", "broker.filetransfer.download"]
        var interner = TextInterner(capacity: 16, known: known)
        #expect(interner.count == 2)
        for text in known { #expect(intern(Array(text.utf8), in: &interner) == text) }
        #expect(interner.count == 2)
        #expect(intern(Array("apps.instances.get".utf8), in: &interner) == "apps.instances.get")
        #expect(interner.count == 3)
    }

    /// Bytes that are not UTF-8 come out as `String(decoding:as:)` repairs them, every time.
    @Test func bytesThatAreNotUTF8AreRepairedAsAlways() {
        var interner = TextInterner(capacity: 16)
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        let repaired = String(decoding: bytes, as: UTF8.self)
        #expect(intern(bytes, in: &interner) == repaired)
        #expect(intern(bytes, in: &interner) == repaired)
    }

    @Test func pastItsCapacityTextsAreStillMadeRight() {
        var interner = TextInterner(capacity: 4)
        for number in 0..<100 {
            let text = "customer-\(number % 50)"
            #expect(intern(Array(text.utf8), in: &interner) == text)
        }
        #expect(interner.count == 4)
    }

    @Test func aTextLongerThanTheLongestHeldIsMadeEveryTime() {
        var interner = TextInterner(capacity: 16)
        let long = String(repeating: "x", count: TextInterner.longestText + 1)
        let held = String(repeating: "y", count: TextInterner.longestText)
        for _ in 0..<2 {
            #expect(intern(Array(long.utf8), in: &interner) == long)
            #expect(intern(Array(held.utf8), in: &interner) == held)
        }
        #expect(interner.count == 1)
    }
}
