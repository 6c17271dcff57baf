import Foundation
import NIOCore
import PortvaktSimulation

/// One simulated supplier system: a name, its bearer token, a connection to the proxy, and its pattern of calls.
struct SimulatedSupplier: Sendable {
    let name: String
    let pause: Duration
    let client: SimulationClient
    let step: @Sendable (SimulatedSupplier, RequestPrinter, Int) async -> Void
    /// `Authorization: Bearer …`, on every request.
    let headers: [(String, String)]

    /// The issuer the demo's tokens name; the proxy trusts it and only it.
    static let issuerURL = "https://test.maskinporten.no/"

    func run(until deadline: ContinuousClock.Instant, printer: RequestPrinter) async {
        var round = 0
        while ContinuousClock.now < deadline {
            await self.step(self, printer, round)
            round += 1
            try? await Task.sleep(until: min(ContinuousClock.now + self.pause, deadline))
        }
    }

    static func all(proxyPort: Int, group: any EventLoopGroup, issuer: TestTokenIssuer) -> [SimulatedSupplier] {
        func supplier(
            _ name: String, organization: String, pause: Duration, systemUserFor customer: String? = nil,
            step: @escaping @Sendable (SimulatedSupplier, RequestPrinter, Int) async -> Void
        ) -> SimulatedSupplier {
            let token = issuer.token(claimsJSON: claims(organization: organization, customer: customer))
            return SimulatedSupplier(
                name: name, pause: pause,
                client: SimulationClient(host: "127.0.0.1", port: proxyPort, group: group), step: step,
                headers: [("Authorization", "Bearer \(token)")])
        }
        let party = "urn:altinn:organization:identifier-no:313999998"
        let dialogs = StandInAltinn.seededDialogIDs
        return [
            // A system user for customer 313999998 that reads the same dialog list four times a second: the answers
            // rarely change. The polling detector catches it, and it climbs the sanction ladder.
            supplier("polling", organization: "312345676", pause: .milliseconds(250), systemUserFor: "313999998") {
                supplier, printer, _ in
                await supplier.get(printer, "/dialogporten/api/v1/enduser/dialogs?party=\(party)")
            },
            // Reads a dialog only when told it changed (the stand-in for an Events subscription).
            supplier("event-driven", organization: "313000001", pause: .milliseconds(1500)) {
                supplier, printer, round in
                await supplier.get(printer, "/dialogporten/api/v1/enduser/dialogs/\(dialogs[round % dialogs.count])")
            },
            // Moves files through Formidling: streamed both ways, never buffered by the proxy.
            supplier("file-mover", organization: "314000005", pause: .milliseconds(500)) { supplier, printer, round in
                let transfer = dialogs[round % dialogs.count]
                let upload = "/broker/api/v1/filetransfer/\(transfer)/upload"
                do {
                    let answer = try await supplier.client.upload(
                        "POST", upload, headers: supplier.headers, bytes: 32 << 20, contentLength: round % 2 == 0)
                    printer.request(
                        supplier.name, "POST", upload, status: answer.status, bytes: 32 << 20, note: "upload")
                } catch {
                    printer.request(supplier.name, "POST", upload, status: nil, bytes: 0, note: "\(error)")
                }
                let download = "/broker/api/v1/filetransfer/\(transfer)/download?size=\(64 << 20)"
                do {
                    let (head, bytes, _) = try await supplier.client.download(download, headers: supplier.headers)
                    printer.request(supplier.name, "GET", download, status: head.status, bytes: bytes, note: "download")
                } catch {
                    printer.request(supplier.name, "GET", download, status: nil, bytes: 0, note: "\(error)")
                }
            },
            // Searches Formidling in bursts of 12 every four seconds: Broker publishes 10 searches a minute, so the
            // rest of each burst is refused with 429 and Retry-After.
            supplier("burster", organization: "315000009", pause: .seconds(4)) { supplier, printer, _ in
                for _ in 0..<12 {
                    await supplier.get(printer, "/broker/api/v1/filetransfer?resourceId=demo-resource")
                }
            },
        ]
    }

    /// A token that lives for an hour: plain Maskinporten, or a system user acting for `customer`.
    private static func claims(organization: String, customer: String?) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let systemUser =
            customer.map {
                #","authorization_details":[{"type":"urn:altinn:systemuser","systemuser_org":"#
                    + #"{"authority":"iso6523-actorid-upis","ID":"0192:\#($0)"},"system_id":"\#(organization)_demo"}]"#
            } ?? ""
        return """
            {"iss":"\(issuerURL)","client_id":"demo-\(organization)","scope":"digdir:dialogporten altinn:broker.read",
             "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:\(organization)"},"iat":\(now),
             "exp":\(now + 3600)\(systemUser)}
            """
    }

    private func get(_ printer: RequestPrinter, _ target: String) async {
        do {
            let answer = try await self.client.send("GET", target, headers: self.headers)
            let retry = "retry after \(answer.header("retry-after") ?? "?") s"
            let note =
                switch answer.status {
                case 403: "cut off, " + retry
                case 429: "throttled, " + retry
                default: answer.header("portvakt-notice") != nil ? "Portvakt-Notice" : ""
                }
            printer.request(self.name, "GET", target, status: answer.status, bytes: answer.body.count, note: note)
        } catch {
            printer.request(self.name, "GET", target, status: nil, bytes: 0, note: "\(error)")
        }
    }
}
