#if canImport(Glibc)
    import Glibc
#endif

/// Work that no request waits for (sending answers to the judge, judging them, reading the cluster's ladders)
/// runs at a lower scheduling priority, so that on a busy machine it yields to the event loops and the curl
/// engines instead of delaying requests: niceness 10, for the calling thread only (on Linux the niceness is the
/// thread's, and `who` 0 names the calling one). Best effort: where it cannot be set, the thread runs as before.
enum BackgroundPriority {
    static let niceness: Int32 = 10

    static func lowerForCurrentThread() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
