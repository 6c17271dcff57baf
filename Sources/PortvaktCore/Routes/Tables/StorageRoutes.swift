extension RouteTables {
    /// Altinn Storage (altinn-storage `src/Storage/Controllers/`), including the portal's messagebox (`sbl`).
    static let storage: [RouteDefinition] = {
        let api = "/storage/api/v1"
        let instance = "\(api)/instances/{instanceOwnerPartyId}/{instanceGuid}"
        let sblInstance = "\(api)/sbl/instances/{instanceOwnerPartyId}/{instanceGuid}"
        return [
            .init(.get, "\(api)/instances", "storage.instances.search"),
            .init(.post, "\(api)/instances", "storage.instances.create"),
            .init(.get, "\(api)/instances/{instanceGuid}", "storage.instances.getbyguid"),
            .init(.get, instance, "storage.instances.get"),
            .init(.delete, instance, "storage.instances.delete"),
            .init(.post, "\(instance)/complete", "storage.instances.complete"),
            .init(.post, "\(instance)/sign", "storage.instances.sign"),
            .init(.put, "\(instance)/readstatus", "storage.instances.readstatus"),
            .init(.put, "\(instance)/substatus", "storage.instances.substatus"),
            .init(.put, "\(instance)/presentationtexts", "storage.instances.presentationtexts"),
            .init(.put, "\(instance)/datavalues", "storage.instances.datavalues"),
            .init(.post, "\(instance)/data", "storage.data.create"),
            .init(.get, "\(instance)/data/{dataGuid}", "storage.data.get"),
            .init(.put, "\(instance)/data/{dataGuid}", "storage.data.update"),
            .init(.delete, "\(instance)/data/{dataGuid}", "storage.data.delete"),
            .init(.get, "\(instance)/dataelements", "storage.dataelements.list"),
            .init(.get, "\(instance)/events", "storage.instanceevents.list"),
            .init(.post, "\(instance)/events", "storage.instanceevents.create"),
            .init(.get, "\(instance)/events/{eventGuid}", "storage.instanceevents.get"),
            .init(.put, "\(instance)/process", "storage.process.update"),
            .init(.get, "\(instance)/process/history", "storage.process.history"),

            .init(.get, "\(api)/applications", "storage.applications.list"),
            .init(.get, "\(api)/applications/{org}", "storage.applications.listbyorg"),
            .init(.get, "\(api)/applications/{org}/{app}", "storage.applications.get"),

            .init(.post, "\(api)/sbl/instances/search", "storage.sbl.instances.search"),
            .init(.get, sblInstance, "storage.sbl.instances.get"),
            .init(.delete, sblInstance, "storage.sbl.instances.delete"),
            .init(.get, "\(sblInstance)/events", "storage.sbl.instances.events"),
            .init(.put, "\(sblInstance)/undelete", "storage.sbl.instances.undelete"),
        ]
    }()
}
