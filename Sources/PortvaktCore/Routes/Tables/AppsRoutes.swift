extension RouteTables {
    /// Altinn Studio apps, `/{org}/{app}/…` on `{org}.apps.…` (app-lib-dotnet `src/Altinn.App.Api/Controllers/`).
    static let apps: [RouteDefinition] = {
        let app = "/{org}/{app}"
        let instance = "\(app)/instances/{instanceOwnerPartyId}/{instanceGuid}"
        let data = "\(instance)/data/{dataGuid}"
        return [
            .init(.get, app, "apps.app.home"),
            .init(.post, "\(app)/instances", "apps.instances.create"),
            .init(.post, "\(app)/instances/create", "apps.instances.createsimplified"),
            .init(.get, "\(app)/instances/{instanceOwnerPartyId}/active", "apps.instances.active"),
            .init(.get, instance, "apps.instances.get"),
            .init(.delete, instance, "apps.instances.delete"),
            .init(.post, "\(instance)/complete", "apps.instances.complete"),
            .init(.put, "\(instance)/substatus", "apps.instances.substatus"),
            .init(.get, "\(instance)/validate", "apps.instances.validate"),
            .init(.post, "\(instance)/actions", "apps.instances.action"),

            .init(.post, "\(instance)/data", "apps.data.create"),
            .init(.post, "\(instance)/data/{dataType}", "apps.data.create"),
            .init(.post, "\(instance)/data/type/{dataType}", "apps.data.create"),
            .init(.patch, "\(instance)/data", "apps.data.patchmultiple"),
            .init(.get, data, "apps.data.get"),
            .init(.get, "\(data)/type/{dataType}", "apps.data.get"),
            .init(.put, data, "apps.data.update"),
            .init(.put, "\(data)/type/{dataType}", "apps.data.update"),
            .init(.patch, data, "apps.data.patch"),
            .init(.delete, data, "apps.data.delete"),
            .init(.get, "\(data)/validate", "apps.data.validate"),
            .init(.get, "\(data)/tags", "apps.data.tags.list"),
            .init(.post, "\(data)/tags", "apps.data.tags.add"),
            .init(.put, "\(data)/tags", "apps.data.tags.set"),
            .init(.delete, "\(data)/tags/{tag}", "apps.data.tags.delete"),

            .init(.get, "\(instance)/process", "apps.process.get"),
            .init(.post, "\(instance)/process/start", "apps.process.start"),
            .init(.get, "\(instance)/process/next", "apps.process.nexttasks"),
            .init(.put, "\(instance)/process/next", "apps.process.next"),
            .init(.put, "\(instance)/process/completeProcess", "apps.process.complete"),
            .init(.get, "\(instance)/process/history", "apps.process.history"),
            .init(.get, "\(instance)/signing", "apps.signing.get"),
            .init(.get, "\(instance)/pdf/preview", "apps.pdf.preview"),

            .init(.get, "\(app)/api/v1/applicationmetadata", "apps.metadata.application.get"),
            .init(.get, "\(app)/api/v1/texts/{language}", "apps.metadata.texts.get"),
            .init(.get, "\(app)/api/jsonschema/{id}", "apps.metadata.jsonschema.get"),
            .init(.post, "\(app)/api/v1/eventsreceiver", "apps.eventsreceiver.receive"),
        ]
    }()
}
