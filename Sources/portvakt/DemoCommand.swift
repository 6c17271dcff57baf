import ArgumentParser
import PortvaktDemo

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Start a stand-in Altinn on loopback, the proxy in front of it and simulated suppliers; print what happens "
            + "and write an HTML throttle report."
    )

    @Option(name: .long, help: "How long the simulated suppliers run.")
    var seconds = 10

    @Option(name: .long, help: "Where to write the HTML throttle report at the end.")
    var report = "portvakt-demo-report.html"

    func validate() throws {
        guard (1...3600).contains(self.seconds) else { throw ValidationError("--seconds must be 1…3600") }
    }

    func run() async throws {
        do {
            try await Demo.run(seconds: self.seconds, reportPath: self.report) { print($0) }
        } catch {
            throw CommandFailure(reason: "demo failed: \(error)")
        }
    }
}
