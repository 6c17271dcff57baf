import ArgumentParser
import Foundation
import Logging
import PortvaktConfig
import PortvaktCore
import PortvaktReport
import PortvaktStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the throttle report from the durable state (state.path) of a running or stopped proxy."
    )

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    @Option(name: .long, help: "Start: RFC 3339, or a duration back from now (24h, 7d).")
    var since = "24h"

    @Option(name: .long, help: "End: RFC 3339, or a duration back from now (default: now).")
    var until: String?

    @Option(name: .long, help: "Only this supplier (organisation number).")
    var supplier: String?

    @Option(name: .long, help: "json, text, csv (RFC 4180) or html (one self-contained page).")
    var format = ThrottleReport.Format.text

    @Option(name: .long, help: "Write the report here instead of to standard output.")
    var out: String?

    func run() throws {
        let configuration = try PortvaktConfiguration.loadForCommand(self.config, checkingNamedFiles: false)
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        guard let from = PointInTime.nanoseconds(self.since, now: now) else {
            throw CommandFailure(reason: "--since \(self.since): expected RFC 3339 or a duration such as 24h")
        }
        guard let until = self.until.map({ PointInTime.nanoseconds($0, now: now) }) ?? now else {
            throw CommandFailure(reason: "--until \(self.until ?? ""): expected RFC 3339 or a duration such as 1h")
        }
        guard from < until else { throw CommandFailure(reason: "--since must be before --until") }
        let path = configuration.state.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(reason: "\(path): no state file (state.path); has `portvakt serve` run here?")
        }
        let report: ThrottleReport
        do {
            let store = try StateStore(path: path, logger: Logger(label: "portvakt.report"))
            defer { store.close() }
            report = try store.report(
                from: from, until: until, supplier: self.supplier,
                ladder: SanctionLadder(configuration: configuration.sanctions))
        } catch {
            throw CommandFailure(reason: "\(path): cannot read the state: \(error)")
        }
        try self.format.render(report).writeReport(to: self.out)
    }
}
