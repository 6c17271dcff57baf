import Foundation
import PortvaktTestSupport
import Testing

@Suite struct OwnThreadsTests {
    /// The nice value of the thread this runs on (field 19 of `/proc/thread-self/stat`, counted after the name).
    private static func niceValue() -> Int? {
        let stat = (try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8)) ?? ""
        guard let nameEnd = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        return Int(fields[16])
    }

    @Test(.onOwnThreads) func aTestWithTheTraitRunsOnTheOwnThreadsAlsoAfterAnAwait() async throws {
        #expect(currentThreadName().hasPrefix("pv-test-own-"))
        // At the least priority, so that what waits on a timer elsewhere is not held up by it.
        #expect(Self.niceValue() == 19)
        try await Task.sleep(for: .milliseconds(1))
        #expect(currentThreadName().hasPrefix("pv-test-own-"))
        // A child task inherits the preference.
        async let childThread = currentThreadName()
        #expect(await childThread.hasPrefix("pv-test-own-"))
    }

    /// The heavy tests are synchronous, and many take arguments: each case runs on the own threads.
    @Test(.onOwnThreads, arguments: [1, 2, 3]) func eachCaseOfASynchronousTestRunsThereToo(case: Int) {
        #expect(currentThreadName().hasPrefix("pv-test-own-"), "case \(`case`)")
    }

    @Test func aTestWithoutItRunsOnTheGlobalPool() {
        #expect(!currentThreadName().hasPrefix("pv-test-own-"))
    }
}
