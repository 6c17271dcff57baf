import ArgumentParser
import Dispatch
import Glibc
import Logging
import PortvaktConfig
import PortvaktIdentity
import PortvaktServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Run the proxy and the admin listener until SIGTERM or SIGINT (in-flight requests drain first); SIGHUP "
            + "or a change of the config file reloads it."
    )

    @Option(name: .long, help: "The config file.")
    var config = "Config/portvakt.yaml"

    /// How often the config file is looked at; a change reloads once it has stayed for one more look.
    static let watchInterval = Duration.milliseconds(500)

    func run() async throws {
        // Caught from the very start: a SIGHUP while starting must not kill the process.
        let signals = SignalEvents([SIGTERM, SIGINT, SIGHUP])
        let loadedVersion = ConfigFileWatch.Signature(ofFile: self.config)
        let configuration = try PortvaktConfiguration.loadForCommand(self.config)
        var logger = Logger(label: "portvakt")
        logger.logLevel = .info
        let service: PortvaktService
        do {
            service = try await PortvaktService.start(configuration, logger: logger)
        } catch let error as JSONWebKeySetError {
            throw CommandFailure(reason: "cannot start: \(configuration.identityProblem(error))")
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
        Self.warnAboutShippedSecrets(configuration, logger: logger)

        // One loop owns what happens: signals, and ticks to look at the file.
        let (events, continuation) = AsyncStream<Event>.makeStream()
        let forwarding = Task { [stream = signals.stream] in
            for await number in stream { continuation.yield(.signal(number)) }
        }
        let ticking = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.watchInterval)
                continuation.yield(.lookAtFile)
            }
        }
        var watch = ConfigFileWatch(loaded: loadedVersion)
        serving: for await event in events {
            switch event {
            case .lookAtFile:
                if watch.look(ConfigFileWatch.Signature(ofFile: self.config)) {
                    await self.reload(service, trigger: "file change", logger: logger)
                }
            case .signal(SIGHUP):
                watch.loaded(ConfigFileWatch.Signature(ofFile: self.config))
                await self.reload(service, trigger: "SIGHUP", logger: logger)
            case .signal(let signal):
                logger.info("draining", metadata: ["signal": "\(signal)"])
                break serving
            }
        }
        forwarding.cancel()
        ticking.cancel()
        await service.shutdown()
        logger.info("stopped")
        withExtendedLifetime(signals) {}
    }

    private enum Event {
        case signal(Int32)
        case lookAtFile
    }

    /// Reloads the config file; a file that does not load or cannot be used leaves the running config in
    /// force, and every problem is logged as check-config prints it.
    private func reload(_ service: PortvaktService, trigger: String, logger: Logger) async {
        do {
            let needsRestart = try await service.reload(file: self.config)
            logger.info("config reloaded", metadata: ["file": "\(self.config)", "trigger": "\(trigger)"])
            if !needsRestart.isEmpty {
                logger.warning(
                    "changed, but only a restart puts these in force: \(needsRestart.joined(separator: ", "))")
            }
        } catch let error as ConfigError {
            for problem in error.problems { logger.error("\(problem.description)") }
            logger.error(
                "config reload refused: \(error.problems.count) problem(s); the running config stays in force",
                metadata: ["file": "\(self.config)", "trigger": "\(trigger)"])
        } catch {
            logger.error(
                "config reload refused: \(error); the running config stays in force",
                metadata: ["file": "\(self.config)", "trigger": "\(trigger)"])
        }
    }

    private static func warnAboutShippedSecrets(_ configuration: PortvaktConfiguration, logger: Logger) {
        if configuration.admin.token == PortvaktConfiguration.Admin.default.token {
            logger.warning(
                "admin.token is still the shipped default; set your own before the admin listener is reachable")
        }
        if configuration.accessLog.pseudonymKey == PortvaktConfiguration.AccessLog.default.pseudonymKey {
            logger.warning(
                "access_log.pseudonym_key is still the shipped default; pseudonyms can be reversed by guessing")
        }
    }
}

/// Signals caught instead of acting on the process, as a stream, for as long as this lives.
final class SignalEvents {
    let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32]) {
        let queue = DispatchQueue(label: "portvakt.signals")
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        self.sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }
}
