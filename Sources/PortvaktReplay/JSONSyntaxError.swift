/// Why a line is not one JSON object, and where: `column` counts bytes from 1.
struct JSONSyntaxError: Error, Equatable {
    var reason: String
    var column: Int

    var description: String { "not a JSON object: \(reason) at column \(column)" }
}
