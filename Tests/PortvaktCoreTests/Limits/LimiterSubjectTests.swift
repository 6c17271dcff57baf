import Testing

@testable import PortvaktCore

@Suite struct LimiterSubjectTests {

    @Test func equalTextGivesEqualDigests() {
        let clientID = "5c1b0a4e-8f0e-4c57-9d6a-3f1f2a6b7c8d"
        #expect(LimiterSubject(clientID) == LimiterSubject(String(decoding: Array(clientID.utf8), as: UTF8.self)))
        // A string sliced out of a longer one is digested by its own bytes only.
        let sliced = String("client:\(clientID)".dropFirst(7))
        #expect(LimiterSubject(sliced) == LimiterSubject(clientID))
    }

    @Test func distinctTextGivesDistinctDigests() {
        let subjects = (0..<10_000).map { LimiterSubject("312345\($0)") }
        #expect(Set(subjects).count == subjects.count)
        #expect(LimiterSubject("") != LimiterSubject("\0"))
        #expect(LimiterSubject("ab") != LimiterSubject("ba"))
    }

    /// The limiter digests a subject from its parts; a subject joined into one string first must give the
    /// same digest, so both name the same bucket.
    @Test(arguments: [
        ("anonymous@", "198.51.100.1", ""), ("client:", "5c1b0a4e-8f0e-4c57-9d6a-3f1f2a6b7c8d", ""),
        ("312345676", "+", "313999998"), ("312345676", "", ""), ("", "312345676", ""), ("", "", ""), ("ø", "", "æ"),
        (String(repeating: "x", count: 300), "+", "y"),
    ])
    func partsGiveTheDigestOfTheirJoinedText(prefix: String, middle: String, suffix: String) {
        #expect(LimiterSubject(joining: prefix, middle, suffix) == LimiterSubject(prefix + middle + suffix))
    }

    @Test func theDigestIsSixteenBytes() {
        #expect(MemoryLayout<LimiterSubject>.size == 16)
        #expect(MemoryLayout<LimiterKey>.stride == 24)
    }
}
