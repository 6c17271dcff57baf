/// Polls `condition` every `interval` until it holds or `timeout` has passed; whether it held. For what
/// another thread or process makes true a little later (a thread's round, a reload, a cluster's verdict). The
/// default is long because a passing check returns at once, and CI has starved tasks for seconds.
public func eventually(
    within timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
