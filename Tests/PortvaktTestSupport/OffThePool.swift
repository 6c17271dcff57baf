import Foundation

/// Runs `body` on a thread of its own and waits for it without holding a thread: for what blocks for seconds (a
/// child process's output and exit), which on one of the test run's few cooperative threads (one per core) would
/// starve every other test meanwhile. A full CI run once starved tasks for 28 s with a browser run so held.
public func offThePool<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
    }
}
