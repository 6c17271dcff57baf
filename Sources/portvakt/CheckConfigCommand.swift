import ArgumentParser
import PortvaktConfig
import PortvaktServer

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a config file: exit 0, or exit 1 with every problem as FILE:LINE:COLUMN: message."
    )

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    func run() throws {
        let configuration = try PortvaktConfiguration.loadForCommand(self.config)
        // The key files are part of the configuration: a serve with keys that cannot be used would not start.
        do {
            _ = try IdentityPolicy(configuration)
        } catch {
            throw CommandFailure(reason: configuration.identityProblem(error))
        }
        if let tls = configuration.tls, let problem = ListenerTLS.problem(with: tls) {
            throw CommandFailure(reason: "tls: \(problem)")
        }
        print("\(self.config): ok")
    }
}
