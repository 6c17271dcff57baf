import NIOCore
import PortvaktSimulation

/// One simulated supplier system: a name, a connection to the proxy, and the pattern of calls it makes.
struct SimulatedSupplier: Sendable {
    let name: String
    let pause: Duration
    let client: SimulationClient
    let step: @Sendable (SimulationClient, RequestPrinter, Int) async -> Void

    func run(until deadline: ContinuousClock.Instant, printer: RequestPrinter) async {
        var round = 0
        while ContinuousClock.now < deadline {
            await self.step(self.client, printer, round)
            round += 1
            try? await Task.sleep(until: min(ContinuousClock.now + self.pause, deadline))
        }
    }

    static func all(proxyPort: Int, group: any EventLoopGroup) -> [SimulatedSupplier] {
        func client() -> SimulationClient { SimulationClient(host: "127.0.0.1", port: proxyPort, group: group) }
        let customer = "urn:altinn:organization:identifier-no:313999998"
        let dialogs = StandInAltinn.seededDialogIDs
        return [
            // Reads the same dialog list four times a second: the answers rarely change. Later issues catch this.
            SimulatedSupplier(name: "polling", pause: .milliseconds(250), client: client()) { client, printer, _ in
                await get(client, printer, "polling", "/dialogporten/api/v1/enduser/dialogs?party=\(customer)")
            },
            // Reads a dialog only when told it changed (the stand-in for an Events subscription).
            SimulatedSupplier(name: "event-driven", pause: .milliseconds(1500), client: client()) {
                client, printer, round in
                await get(
                    client, printer, "event-driven",
                    "/dialogporten/api/v1/enduser/dialogs/\(dialogs[round % dialogs.count])")
            },
            // Moves files through Formidling: streamed both ways, never buffered by the proxy.
            SimulatedSupplier(name: "file-mover", pause: .milliseconds(500), client: client()) {
                client, printer, round in
                let transfer = dialogs[round % dialogs.count]
                let upload = "/broker/api/v1/filetransfer/\(transfer)/upload"
                do {
                    let answer = try await client.upload("POST", upload, bytes: 32 << 20, contentLength: round % 2 == 0)
                    printer.request(
                        "file-mover", "POST", upload, status: answer.status, bytes: 32 << 20, note: "upload")
                } catch {
                    printer.request("file-mover", "POST", upload, status: nil, bytes: 0, note: "\(error)")
                }
                let download = "/broker/api/v1/filetransfer/\(transfer)/download?size=\(64 << 20)"
                do {
                    let (head, bytes, _) = try await client.download(download)
                    printer.request("file-mover", "GET", download, status: head.status, bytes: bytes, note: "download")
                } catch {
                    printer.request("file-mover", "GET", download, status: nil, bytes: 0, note: "\(error)")
                }
            },
        ]
    }

    private static func get(_ client: SimulationClient, _ printer: RequestPrinter, _ name: String, _ target: String)
        async
    {
        do {
            let answer = try await client.send("GET", target)
            printer.request(name, "GET", target, status: answer.status, bytes: answer.body.count)
        } catch {
            printer.request(name, "GET", target, status: nil, bytes: 0, note: "\(error)")
        }
    }
}
