import Testing

@testable import PortvaktCore

@Suite struct RecentDigestsTests {
    @Test func anAnswerIsUnchangedWhileAmongTheRecentOnes() {
        var digests = RecentDigests()
        let answers: [UInt64] = [1, 1] + Array(2...UInt64(RecentDigests.capacity)) + [1, 100, 1]
        let unchanged = answers.map { digests.recordIsUnchanged($0) }
        // 1 is recent until 100 replaces it as the oldest of eight.
        let expected =
            [false, true] + Array(repeating: false, count: RecentDigests.capacity - 1) + [true, false, false]
        #expect(unchanged == expected)
    }
}
