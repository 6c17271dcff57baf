import ArgumentParser
import Foundation
import PortvaktConfig
import PortvaktCore
import PortvaktReplay
import PortvaktReport

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract:
            "Feed an access log through the configured limits and the polling detector on its own timestamps and "
            + "print the throttle report."
    )

    @Argument(help: "The access log (JSON Lines).")
    var log: String

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    @Option(name: .long, help: "json, text, csv (RFC 4180) or html (one self-contained page).")
    var format = ThrottleReport.Format.text

    @Option(name: .long, help: "Write the report here instead of to standard output.")
    var out: String?

    func run() throws {
        let configuration = try PortvaktConfiguration.loadForCommand(self.config)
        guard let rules = RateLimitRuleSet(configuration: configuration.limits) else {
            throw CommandFailure(reason: "\(self.config): a limit is beyond the limiter's range")
        }
        let report: ThrottleReport
        do {
            report = try AccessLogReplay.report(
                ofFile: self.log, rules: rules, polling: PollingThresholds(configuration: configuration.polling),
                sanctions: configuration.sanctions.enabled
                    ? SanctionLadder(configuration: configuration.sanctions) : nil,
                termsRules: TermsRules.Settings(configuration: configuration.rules))
        } catch let error as ReplayError {
            throw CommandFailure(reason: error.description)
        }
        let rendered = self.format.render(report)
        guard let out else { return print(rendered, terminator: "") }
        do {
            try rendered.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure(reason: "\(out): cannot write the report: \(error.localizedDescription)")
        }
    }
}

extension ThrottleReport.Format: ExpressibleByArgument {}
