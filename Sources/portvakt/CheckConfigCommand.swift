import ArgumentParser
import PortvaktConfig

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a config file: exit 0, or exit 1 with every problem as FILE:LINE:COLUMN: message."
    )

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    func run() throws {
        _ = try PortvaktConfiguration.loadForCommand(self.config)
        print("\(self.config): ok")
    }
}
