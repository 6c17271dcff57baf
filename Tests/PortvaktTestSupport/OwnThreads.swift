import Dispatch
import Foundation
import PortvaktThreads
import Synchronization
import Testing

extension Trait where Self == OwnThreadsTrait {
    /// Runs a test, or every test of a suite, on `OwnThreads.executor` rather than on Swift concurrency's
    /// global pool. For tests that compute for seconds without awaiting anything (model checks, replays of the
    /// sample trace), or that block waiting for another thread: the pool has one thread per core, two here, and
    /// each such test holds one until it ends.
    /// Every other test waits meanwhile, and the tests that time a proxy's answer measured the wait (a full
    /// run once resumed a 1 s timeout's test after 15 s).
    public static var onOwnThreads: Self { OwnThreadsTrait() }
}

public struct OwnThreadsTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// A scope for each test case (a test without arguments has one), none for the suite itself.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(OwnThreads.executor) { try await function() }
    }
}

/// Two threads for the whole run, shared by every test with `.onOwnThreads`: at most two such tests compute at once,
/// beside the pool's threads, and the kernel shares the cores among them all. For a test that blocks on a call
/// rather than computing, `offThePool` runs just that call on a thread of its own.
public final class OwnThreads: TaskExecutor {
    public static let executor = OwnThreads(count: 2)

    private let jobs = Mutex<[UnownedJob]>([])
    /// Signalled once per job enqueued.
    private let jobsWaiting = DispatchSemaphore(value: 0)

    private init(count: Int) {
        for index in 0..<count {
            Thread { [unowned self] in self.run(named: "pv-test-own-\(index)") }.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.jobs.withLock { $0.append(job) }
        self.jobsWaiting.signal()
    }

    /// Names the thread, lowers its priority to the least (Linux keeps a nice value per thread), then runs jobs
    /// forever. At the least priority, the computing tests take the cores only while the event loops and the pool
    /// leave them: otherwise they were two more threads sharing two cores with those, and a 2 s client timeout in a
    /// full run once ran out.
    private func run(named name: String) -> Never {
        nameThisThread(name)
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        while true {
            self.jobsWaiting.wait()
            let job = self.jobs.withLock { $0.removeFirst() }
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
