import ArgumentParser
import PortvaktConfig
import PortvaktReplay
import PortvaktReport

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract:
            "Feed an access log through the configured limits and the polling detector on its own timestamps and "
            + "print the throttle report."
    )

    @Argument(help: "The access log (JSON Lines), gzip-compressed or not; - for standard input.")
    var log: String

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    @Option(name: .long, help: "json, text, csv (RFC 4180) or html (one self-contained page).")
    var format = ThrottleReport.Format.text

    @Option(name: .long, help: "Write the report here instead of to standard output.")
    var out: String?

    func run() throws {
        let configuration = try PortvaktConfiguration.loadForCommand(self.config, checkingNamedFiles: false)
        let report: ThrottleReport?
        do {
            report = try AccessLogReplay.report(ofFile: self.log, configuration: configuration)
        } catch let error as ReplayError {
            throw CommandFailure(reason: error.description)
        }
        guard let report else {
            throw CommandFailure(reason: "\(self.config): a limit is beyond the limiter's range")
        }
        try self.format.render(report).writeReport(to: self.out)
    }
}

extension ThrottleReport.Format: ExpressibleByArgument {}
