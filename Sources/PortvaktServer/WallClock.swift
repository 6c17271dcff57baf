import Glibc

/// The real-time clock, for the access log's `time`. (Durations use the monotonic `NIODeadline`.)
enum WallClock {
    static func nanosecondsSinceEpoch() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
