extension RouteTables {
    /// Altinn Authentication: token exchange, system register, system users and their requests
    /// (altinn-authentication `src/Authentication/Controllers/`).
    static let authentication: [RouteDefinition] = {
        let api = "/authentication/api/v1"
        let register = "\(api)/systemregister"
        let request = "\(api)/systemuser/request/vendor"
        let change = "\(api)/systemuser/changerequest/vendor"
        let systemuser = "\(api)/systemuser"
        let clients = "\(api)/enduser/systemuser"
        let byExternalRef = "byexternalref/{systemId}/{orgNo}/{externalRef}"
        return [
            .init(.get, "\(api)/exchange/{tokenProvider}", "authentication.token.exchange"),
            .init(.get, "\(api)/refresh", "authentication.token.refresh"),
            .init(.post, "\(api)/introspection", "authentication.token.introspect"),
            .init(.get, "\(api)/openid/.well-known/openid-configuration", "authentication.openid.configuration"),
            .init(.get, "\(api)/openid/.well-known/openid-configuration/jwks", "authentication.openid.jwks"),

            .init(.get, register, "authentication.systemregister.list"),
            .init(.get, "\(register)/{systemId}", "authentication.systemregister.get"),
            .init(.get, "\(register)/{systemId}/rights", "authentication.systemregister.rights.get"),
            .init(.get, "\(register)/{systemId}/accesspackages", "authentication.systemregister.accesspackages.get"),
            .init(.post, "\(register)/vendor", "authentication.systemregister.vendor.create"),
            .init(.get, "\(register)/vendor", "authentication.systemregister.vendor.list"),
            .init(.get, "\(register)/vendor/{systemId}", "authentication.systemregister.vendor.get"),
            .init(.put, "\(register)/vendor/{systemId}", "authentication.systemregister.vendor.update"),
            .init(.delete, "\(register)/vendor/{systemId}", "authentication.systemregister.vendor.delete"),
            .init(.put, "\(register)/vendor/{systemId}/rights", "authentication.systemregister.vendor.rights.update"),
            .init(
                .put, "\(register)/vendor/{systemId}/accesspackages",
                "authentication.systemregister.vendor.accesspackages.update"
            ),
            .init(
                .get, "\(register)/vendor/{systemId}/changelog", "authentication.systemregister.vendor.changelog.get"),

            // Vendors create a request, then (too often) poll its status until the customer accepts.
            .init(.post, request, "authentication.systemuser.request.vendor.create"),
            .init(.get, "\(request)/{requestId}", "authentication.systemuser.request.vendor.status"),
            .init(.delete, "\(request)/{requestId}", "authentication.systemuser.request.vendor.delete"),
            .init(.get, "\(request)/\(byExternalRef)", "authentication.systemuser.request.vendor.byexternalref"),
            .init(.get, "\(request)/bysystem/{systemId}", "authentication.systemuser.request.vendor.bysystem"),
            .init(.post, "\(request)/agent", "authentication.systemuser.request.vendor.agent.create"),
            .init(.get, "\(request)/agent/{requestId}", "authentication.systemuser.request.vendor.agent.status"),
            .init(
                .get, "\(request)/agent/\(byExternalRef)",
                "authentication.systemuser.request.vendor.agent.byexternalref"
            ),
            .init(
                .get, "\(request)/agent/bysystem/{systemId}", "authentication.systemuser.request.vendor.agent.bysystem"),

            .init(.post, change, "authentication.systemuser.changerequest.vendor.create"),
            .init(.get, "\(change)/{requestId}", "authentication.systemuser.changerequest.vendor.status"),
            .init(.delete, "\(change)/{requestId}", "authentication.systemuser.changerequest.vendor.delete"),
            .init(.get, "\(change)/\(byExternalRef)", "authentication.systemuser.changerequest.vendor.byexternalref"),
            .init(.get, "\(change)/bysystem/{systemId}", "authentication.systemuser.changerequest.vendor.bysystem"),

            .init(.get, "\(systemuser)/vendor/bysystem/{systemId}", "authentication.systemuser.vendor.bysystem"),
            .init(.get, "\(systemuser)/vendor/byquery", "authentication.systemuser.vendor.byquery"),
            .init(.get, "\(systemuser)/byExternalId", "authentication.systemuser.byexternalid"),
            .init(.get, "\(systemuser)/{party}", "authentication.systemuser.enduser.list"),
            .init(.get, "\(systemuser)/{party}/{systemUserId}", "authentication.systemuser.enduser.get"),
            .init(.delete, "\(systemuser)/{party}/{systemUserId}", "authentication.systemuser.enduser.delete"),
            .init(.get, "\(systemuser)/agent/{party}", "authentication.systemuser.agent.list"),
            .init(.get, "\(systemuser)/agent/{party}/clients", "authentication.systemuser.agent.clients.list"),
            .init(.get, "\(clients)/clients", "authentication.enduser.systemuser.clients.list"),
            .init(.post, "\(clients)/clients", "authentication.enduser.systemuser.clients.add"),
            .init(.delete, "\(clients)/clients", "authentication.enduser.systemuser.clients.remove"),
            .init(.get, "\(clients)/clients/available", "authentication.enduser.systemuser.clients.available"),
            .init(.get, "\(clients)/agents", "authentication.enduser.systemuser.agents.list"),
        ]
    }()
}
