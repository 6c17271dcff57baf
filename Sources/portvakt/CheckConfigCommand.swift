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
        // serve does not start without its access log (nginx -t likewise checks its logs) ...
        if configuration.accessLog.enabled, let problem = FileCreation.problem(opening: configuration.accessLog.path) {
            throw CommandFailure(reason: "access_log.path: \(problem)")
        }
        // ... but serves without durable state, saying so: a warning here too.
        if let problem = FileCreation.problem(opening: configuration.state.path) {
            printToStandardError(
                "\(self.config): warning: state.path: \(problem); serve would run without durable state")
        }
        print("\(self.config): ok")
    }
}
