import ArgumentParser
import Dispatch
import Glibc
import Logging
import PortvaktConfig
import PortvaktServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the proxy and the admin listener until SIGTERM or SIGINT (in-flight requests drain first)."
    )

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    func run() async throws {
        let configuration = try PortvaktConfiguration.loadForCommand(self.config)
        var logger = Logger(label: "portvakt")
        logger.logLevel = .info
        let service: PortvaktService
        do {
            service = try await PortvaktService.start(configuration, logger: logger)
        } catch {
            throw CommandFailure(reason: "cannot start: \(error)")
        }
        logger.info(
            "serving",
            metadata: [
                "proxy": "\(configuration.listen.host):\(service.proxy.port)",
                "admin": "\(configuration.admin.listen.host):\(service.admin.port)",
                "platform": "\(configuration.upstreams.platform)",
                "apps": "\(configuration.upstreams.apps)",
            ]
        )
        if configuration.admin.token == PortvaktConfiguration.Admin.default.token {
            logger.warning(
                "admin.token is still the shipped default; set your own before the admin listener is reachable")
        }
        if configuration.accessLog.pseudonymKey == PortvaktConfiguration.AccessLog.default.pseudonymKey {
            logger.warning(
                "access_log.pseudonym_key is still the shipped default; pseudonyms can be reversed by guessing")
        }
        let hangUpLogger = logger
        let signal = await Signals.wait(for: [SIGTERM, SIGINT]) { _ in
            hangUpLogger.warning("SIGHUP: config reload is not supported yet; restart to apply a changed config")
        }
        logger.info("draining", metadata: ["signal": "\(signal)"])
        await service.shutdown()
        logger.info("stopped")
    }
}

/// Waits for a terminating signal without letting it kill the process; SIGHUP is reported, not fatal.
enum Signals {
    static func wait(for signals: [Int32], onHangUp: @escaping @Sendable (Int32) -> Void) async -> Int32 {
        let queue = DispatchQueue(label: "portvakt.signals")
        let (numbers, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in signals + [SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        for await number in numbers {
            if number == SIGHUP { onHangUp(number) } else { return number }
        }
        return SIGTERM
    }
}
