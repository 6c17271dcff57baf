import Foundation

/// The process's resident memory from `/proc/self/status`, to show that a transfer streams rather than buffers.
///
/// `PeakGrowth.start()` resets the kernel's high-water mark (`VmHWM`) to the current resident set by writing
/// `5` to `/proc/self/clear_refs`, so that `growthMiB` is exactly how far the peak rose above where the test
/// began. Where the reset is not allowed it measures from the earlier peak instead, which can only understate
/// a growth: then the bound is still checked, but less tightly.
struct PeakGrowth {
    private let baselineKiB: Int

    static func start() -> PeakGrowth {
        let reset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
        let baseline = reset ? Self.value("VmRSS") : Self.value("VmHWM")
        return PeakGrowth(baselineKiB: baseline ?? 0)
    }

    /// How far the peak resident set rose since `start()`, in MiB.
    var growthMiB: Double {
        Double((Self.value("VmHWM") ?? 0) - self.baselineKiB) / 1024
    }

    /// `VmHWM`, `VmRSS`: a `/proc/self/status` line's value in KiB.
    private static func value(_ key: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}
