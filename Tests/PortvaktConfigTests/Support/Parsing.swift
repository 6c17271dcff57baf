@testable import PortvaktConfig

/// Parses `yaml` as `portvakt.yaml`, expecting it to be valid.
func parsed(_ yaml: String) throws -> PortvaktConfiguration {
    try PortvaktConfiguration.parse(yaml: yaml, file: "portvakt.yaml")
}

/// The problems `yaml` has, as `portvakt.yaml:LINE:COLUMN: message` lines; empty when it parses.
func problems(_ yaml: String) -> [String] {
    do {
        _ = try PortvaktConfiguration.parse(yaml: yaml, file: "portvakt.yaml")
        return []
    } catch let error as ConfigError {
        return error.problems.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}
