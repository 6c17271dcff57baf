import Foundation
import NIOPosix
import PortvaktSimulation

/// Starts a stand-in and a client connected to it, runs `body`, and shuts both down.
func withStandIn(
    timeout: Duration = .seconds(30),
    _ body: (StandInAltinn, SimulationClient) async throws -> Void
) async throws {
    let group = MultiThreadedEventLoopGroup.singleton
    let altinn = try await StandInAltinn.start(group: group)
    let client = SimulationClient(host: "127.0.0.1", port: altinn.port, group: group, timeout: timeout)
    do {
        try await body(altinn, client)
        try await client.close()
        try await altinn.shutdown()
    } catch {
        try? await client.close()
        try? await altinn.shutdown()
        throw error
    }
}

/// The answer body parsed as JSON.
func json(_ response: SimulationResponse) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
}

/// The answer body parsed as a JSON object.
func jsonObject(_ response: SimulationResponse) throws -> [String: Any] {
    guard let object = try json(response) as? [String: Any] else {
        throw FixtureError.notAnObject(response.text)
    }
    return object
}

enum FixtureError: Error {
    case notAnObject(String)
}
