import Foundation
import PortvaktTestSupport
import Testing

@Suite struct OwnThreadsTests {
    /// The kernel's name of the thread this runs on.
    private static func threadName() -> String {
        ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .newlines)
    }

    @Test(.onOwnThreads) func aTestWithTheTraitRunsOnTheOwnThreadsAlsoAfterAnAwait() async throws {
        #expect(Self.threadName().hasPrefix("pv-test-own-"))
        try await Task.sleep(for: .milliseconds(1))
        #expect(Self.threadName().hasPrefix("pv-test-own-"))
        // A child task inherits the preference.
        async let childThread = Self.threadName()
        #expect(await childThread.hasPrefix("pv-test-own-"))
    }

    /// The heavy tests are synchronous, and many take arguments: each case runs on the own threads.
    @Test(.onOwnThreads, arguments: [1, 2, 3]) func eachCaseOfASynchronousTestRunsThereToo(case: Int) {
        #expect(Self.threadName().hasPrefix("pv-test-own-"), "case \(`case`)")
    }

    @Test func aTestWithoutItRunsOnTheGlobalPool() {
        #expect(!Self.threadName().hasPrefix("pv-test-own-"))
    }
}
