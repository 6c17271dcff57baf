import Foundation

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

    let process = Process()
    private let output = Pipe()
    private let error = Pipe()

    /// Runs `portvakt` with `arguments`, in this process's environment with `environment` added, with `input`
    /// (if any) on its standard input, in `directory` (else this process's working directory).
    init(
        _ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil, directory: String? = nil
    ) throws {
        self.process.executableURL = Self.binary
        self.process.arguments = arguments
        if let directory { self.process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let standardInput = Pipe()
        if input != nil { self.process.standardInput = standardInput }
        if !environment.isEmpty {
            self.process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        self.process.standardOutput = self.output
        self.process.standardError = self.error
        try self.process.run()
        if let input {
            try standardInput.fileHandleForWriting.write(contentsOf: input)
            try standardInput.fileHandleForWriting.close()
        }
    }

    /// Waits at most `timeout` for the process to end (then kills it) and collects what it printed.
    func finish(within timeout: Duration) async throws -> Outcome {
        let deadline = ContinuousClock.now + timeout
        while self.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if self.process.isRunning { self.process.terminate() }
        self.process.waitUntilExit()
        return Outcome(
            status: self.process.terminationStatus,
            standardOutput: String(decoding: self.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            standardError: String(decoding: self.error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    static func run(
        _ arguments: [String], input: [UInt8]? = nil, directory: String? = nil, within timeout: Duration = .seconds(60)
    ) async throws -> Outcome {
        try await PortvaktProcess(arguments, input: input, directory: directory).finish(within: timeout)
    }
}
