import Foundation
import PortvaktTestSupport

/// Runs the built `portvakt` binary, which sits beside the test bundle in the products directory.
struct PortvaktProcess {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("portvakt")
    }

    let process: ChildProcess

    /// Runs `portvakt` with `arguments`, in this process's environment with `environment` added, with `input`
    /// (if any) on its standard input, in `directory` (else this process's working directory).
    init(
        _ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil, directory: String? = nil
    ) throws {
        process = try ChildProcess(
            Self.binary.path, arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, directory: directory,
            input: input)
    }

    /// Waits at most `timeout` for the process to end (then kills it) and collects what it printed.
    func finish(within timeout: Duration) async throws -> Outcome {
        let deadline = ContinuousClock.now + timeout
        while self.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if self.process.isRunning { self.process.terminate() }
        return Outcome(
            status: self.process.terminationStatus,
            standardOutput: String(decoding: self.process.output, as: UTF8.self),
            standardError: String(decoding: self.process.errorOutput, as: UTF8.self)
        )
    }

    static func run(
        _ arguments: [String], input: [UInt8]? = nil, directory: String? = nil, within timeout: Duration = .seconds(60)
    ) async throws -> Outcome {
        try await PortvaktProcess(arguments, input: input, directory: directory).finish(within: timeout)
    }
}
