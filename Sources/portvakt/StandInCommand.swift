import ArgumentParser
import Glibc
import NIOPosix
import PortvaktConfig
import PortvaktSimulation

/// The demo's stand-in for the Altinn endpoints as a process of its own, to point a config's upstreams at when
/// trying Portvakt (or measuring it) without Altinn.
struct StandInCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stand-in",
        abstract:
            "Serve the demo's stand-in for the Altinn endpoints until SIGTERM or SIGINT; prints its base URL first."
    )

    @Option(name: .long, help: "Where to listen, HOST:PORT; port 0 picks a free one.")
    var listen = "127.0.0.1:0"

    func validate() throws {
        guard HostPort(configText: self.listen) != nil else { throw ValidationError("--listen must be HOST:PORT") }
    }

    func run() async throws {
        let signals = SignalEvents([SIGTERM, SIGINT])
        let address = HostPort(configText: self.listen)!
        let altinn: StandInAltinn
        do {
            altinn = try await StandInAltinn.start(
                host: address.host, port: address.port, group: MultiThreadedEventLoopGroup.singleton)
        } catch {
            throw CommandFailure(reason: "cannot listen on \(address): \(error)")
        }
        // One line a script can wait for; flushed, as standard output may be a pipe.
        print("stand-in Altinn listening on \(altinn.baseURL)")
        fflush(nil)
        for await _ in signals.stream { break }
        try await altinn.shutdown()
        withExtendedLifetime(signals) {}
    }
}
