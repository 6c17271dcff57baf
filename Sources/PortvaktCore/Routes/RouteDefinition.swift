/// One row of a product's route table: an endpoint as Altinn publishes it.
///
/// `pattern` is the full request path with `{param}` for a segment that varies, e.g.
/// `/broker/api/v1/filetransfer/{fileTransferId}/download`; the parameter's name is documentation only.
struct RouteDefinition: Sendable {
    let method: RequestMethod
    let pattern: String
    let name: String

    init(_ method: RequestMethod, _ pattern: String, _ name: String) {
        self.method = method
        self.pattern = pattern
        self.name = name
    }
}
