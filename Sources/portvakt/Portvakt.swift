import ArgumentParser
import Glibc

/// The `portvakt` command line (contract §1). Exit codes: 0 success, 1 bad input or failed check (a one-line
/// reason on stderr), 2 usage error.
@main
struct Portvakt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A reverse proxy that enforces §1.2.4 of Altinn's terms for end-user-system suppliers.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, CheckConfigCommand.self, ReplayCommand.self, ReportCommand.self,
            StandInCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try Self.parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            printToStandardError("portvakt: \(failure.reason)")
            Glibc.exit(1)
        } catch {
            let code = Self.exitCode(for: error)
            if code == .success {
                print(Self.fullMessage(for: error))
                Glibc.exit(0)
            }
            printToStandardError(Self.fullMessage(for: error))
            // argument-parser's usage errors exit 64 (EX_USAGE); the contract says 2.
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Bad input or a failed check: exit 1 with `reason` on one line.
struct CommandFailure: Error {
    let reason: String
}

func printToStandardError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
