extension RouteTables {
    /// Dialogporten: the end-user and service-owner REST APIs, metadata, well-known keys and GraphQL
    /// (dialogporten `docs/schema/V1/swagger.verified.json`).
    static let dialogporten: [RouteDefinition] = {
        let api = "/dialogporten/api/v1"
        let enduser = "\(api)/enduser/dialogs"
        let serviceowner = "\(api)/serviceowner/dialogs"
        return [
            .init(.get, enduser, "dialogporten.enduser.dialogs.search"),
            .init(.get, "\(enduser)/{dialogId}", "dialogporten.enduser.dialogs.get"),
            .init(.get, "\(enduser)/{dialogId}/activities", "dialogporten.enduser.activities.list"),
            .init(.get, "\(enduser)/{dialogId}/activities/{activityId}", "dialogporten.enduser.activities.get"),
            .init(.get, "\(enduser)/{dialogId}/transmissions", "dialogporten.enduser.transmissions.list"),
            .init(
                .get, "\(enduser)/{dialogId}/transmissions/{transmissionId}", "dialogporten.enduser.transmissions.get"),
            .init(.get, "\(enduser)/{dialogId}/seenlog", "dialogporten.enduser.seenlog.list"),
            .init(.get, "\(enduser)/{dialogId}/seenlog/{seenLogId}", "dialogporten.enduser.seenlog.get"),
            .init(.get, "\(enduser)/{dialogId}/context/labellog", "dialogporten.enduser.labellog.list"),
            .init(.put, "\(enduser)/{dialogId}/context/systemlabels", "dialogporten.enduser.systemlabels.set"),
            .init(
                .post, "\(enduser)/context/systemlabels/actions/bulkset", "dialogporten.enduser.systemlabels.bulkset"),
            .init(.get, "\(api)/enduser/dialoglookup", "dialogporten.enduser.dialoglookup.get"),
            .init(.get, "\(api)/enduser/parties", "dialogporten.enduser.parties.list"),
            .init(.get, "\(api)/enduser/serviceresources", "dialogporten.enduser.serviceresources.list"),

            .init(.get, serviceowner, "dialogporten.serviceowner.dialogs.search"),
            .init(.post, serviceowner, "dialogporten.serviceowner.dialogs.create"),
            .init(.get, "\(serviceowner)/{dialogId}", "dialogporten.serviceowner.dialogs.get"),
            .init(.put, "\(serviceowner)/{dialogId}", "dialogporten.serviceowner.dialogs.update"),
            .init(.patch, "\(serviceowner)/{dialogId}", "dialogporten.serviceowner.dialogs.patch"),
            .init(.delete, "\(serviceowner)/{dialogId}", "dialogporten.serviceowner.dialogs.delete"),
            .init(.post, "\(serviceowner)/{dialogId}/actions/freeze", "dialogporten.serviceowner.dialogs.freeze"),
            .init(.post, "\(serviceowner)/{dialogId}/actions/purge", "dialogporten.serviceowner.dialogs.purge"),
            .init(.post, "\(serviceowner)/{dialogId}/actions/restore", "dialogporten.serviceowner.dialogs.restore"),
            .init(
                .get, "\(serviceowner)/{dialogId}/actions/should-send-notification",
                "dialogporten.serviceowner.dialogs.shouldsendnotification"
            ),
            .init(.get, "\(serviceowner)/{dialogId}/activities", "dialogporten.serviceowner.activities.list"),
            .init(.post, "\(serviceowner)/{dialogId}/activities", "dialogporten.serviceowner.activities.create"),
            .init(
                .get, "\(serviceowner)/{dialogId}/activities/{activityId}", "dialogporten.serviceowner.activities.get"),
            .init(.get, "\(serviceowner)/{dialogId}/transmissions", "dialogporten.serviceowner.transmissions.list"),
            .init(.post, "\(serviceowner)/{dialogId}/transmissions", "dialogporten.serviceowner.transmissions.create"),
            .init(
                .get, "\(serviceowner)/{dialogId}/transmissions/{transmissionId}",
                "dialogporten.serviceowner.transmissions.get"
            ),
            .init(
                .put, "\(serviceowner)/{dialogId}/transmissions/{transmissionId}",
                "dialogporten.serviceowner.transmissions.update"
            ),
            .init(.get, "\(serviceowner)/{dialogId}/seenlog", "dialogporten.serviceowner.seenlog.list"),
            .init(.get, "\(serviceowner)/{dialogId}/seenlog/{seenLogId}", "dialogporten.serviceowner.seenlog.get"),
            .init(.get, "\(serviceowner)/{dialogId}/context/labels", "dialogporten.serviceowner.labels.list"),
            .init(.post, "\(serviceowner)/{dialogId}/context/labels", "dialogporten.serviceowner.labels.create"),
            .init(
                .delete, "\(serviceowner)/{dialogId}/context/labels/{label}", "dialogporten.serviceowner.labels.delete"),
            .init(
                .put, "\(serviceowner)/{dialogId}/endusercontext/systemlabels",
                "dialogporten.serviceowner.systemlabels.set"
            ),
            .init(.get, "\(serviceowner)/endusercontext", "dialogporten.serviceowner.endusercontext.list"),
            .init(
                .post, "\(serviceowner)/endusercontext/systemlabels/actions/bulkset",
                "dialogporten.serviceowner.systemlabels.bulkset"
            ),
            .init(.get, "\(api)/serviceowner/dialoglookup", "dialogporten.serviceowner.dialoglookup.get"),

            .init(.get, "\(api)/metadata/limits", "dialogporten.metadata.limits.get"),
            .init(.get, "\(api)/metadata/serviceresources", "dialogporten.metadata.serviceresources.list"),
            .init(.get, "\(api)/.well-known/jwks.json", "dialogporten.wellknown.jwks.get"),
            .init(
                .get, "\(api)/.well-known/oauth-authorization-server", "dialogporten.wellknown.authorizationserver.get"),

            // Queries by POST (or GET); a GET may also open a subscription over SSE or a websocket.
            .init(.get, "/dialogporten/graphql", "dialogporten.graphql.query"),
            .init(.post, "/dialogporten/graphql", "dialogporten.graphql.query"),
        ]
    }()
}
