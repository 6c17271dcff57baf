extension RouteTables {
    /// Altinn Events (altinn-events `src/Events/Controllers/`).
    static let events: [RouteDefinition] = {
        let api = "/events/api/v1"
        return [
            .init(.post, "\(api)/subscriptions", "events.subscriptions.create"),
            .init(.get, "\(api)/subscriptions", "events.subscriptions.list"),
            .init(.get, "\(api)/subscriptions/{subscriptionId}", "events.subscriptions.get"),
            .init(.delete, "\(api)/subscriptions/{subscriptionId}", "events.subscriptions.delete"),
            .init(.put, "\(api)/subscriptions/validate/{subscriptionId}", "events.subscriptions.validate"),
            .init(.get, "\(api)/events", "events.events.pull"),
            .init(.post, "\(api)/events", "events.events.publish"),
            .init(.get, "\(api)/app/{org}/{app}", "events.app.pull"),
            .init(.get, "\(api)/app/party", "events.app.party.pull"),
            .init(.post, "\(api)/app", "events.app.publish"),
            .init(.post, "\(api)/inbound", "events.inbound.publish"),
            .init(.post, "\(api)/outbound", "events.outbound.publish"),
            .init(.post, "\(api)/storage/events", "events.storage.publish"),
        ]
    }()
}
