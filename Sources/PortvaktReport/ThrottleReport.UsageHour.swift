extension ThrottleReport {
    /// One hour of one supplier's traffic; `hour` is the hour's start in ns since the Unix epoch (a multiple of
    /// 3_600_000_000_000). The counts mean what the supplier's totals mean.
    public struct UsageHour: Sendable, Equatable {
        public static let nanoseconds: Int64 = 3_600_000_000_000

        /// The start of the hour `time` falls in (times before 1970 too).
        public static func start(of time: Int64) -> Int64 {
            time - ((time % nanoseconds) + nanoseconds) % nanoseconds
        }

        public var hour: Int64
        public var requests: Int
        public var allowed: Int
        public var throttled: Int
        public var blocked: Int

        public init(hour: Int64, requests: Int, allowed: Int, throttled: Int, blocked: Int) {
            self.hour = hour
            self.requests = requests
            self.allowed = allowed
            self.throttled = throttled
            self.blocked = blocked
        }
    }
}
