import PortvaktCore
import Testing

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

    @Test func theDigestIsSixteenBytes() {
        #expect(MemoryLayout<LimiterSubject>.size == 16)
        #expect(MemoryLayout<LimiterKey>.stride == 24)
    }
}
