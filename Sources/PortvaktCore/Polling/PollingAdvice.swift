/// What replaces a poll, per product and route (ALTINN.md §3): the Altinn Events subscription with its
/// event types and filters, Dialogporten instead of the correspondence list for an overview (terms §2.2),
/// and a conditional or cached read where the API offers one. Reports and `Portvakt-Notice` carry it.
public enum PollingAdvice {
    private static let subscribe = "Subscribe to Altinn Events (POST /events/api/v1/subscriptions with an endPoint)"

    /// One paragraph for a supplier found polling `route`.
    public static func advice(for route: Route) -> String {
        switch route.product {
        case .dialogporten:
            let subscription =
                "\(subscribe) with resourceFilter=urn:altinn:resource:{service} and subjectFilter=the party "
                + "(urn:altinn:organization:identifier-no:{orgnr}), for the types dialogporten.dialog.created.v1, "
                + "dialogporten.dialog.updated.v1, dialogporten.dialog.transmission.created.v1 and "
                + "dialogporten.dialog.activity.*.v1, and read a dialog only when an event names it."
            return route.name.hasSuffix(".search")
                ? subscription + " This removes the need to read the dialog list on a timer."
                : subscription + " For one open dialog use the GraphQL subscription dialogEvents; compare the "
                    + "dialog's revision (its ETag) before reading its activities and transmissions again."
        case .correspondence:
            let subscription =
                "\(subscribe) with sourceFilter=https://platform.altinn.no/correspondence/api/v1/correspondence, "
                + "resourceFilter=urn:altinn:resource:{resourceId} and alternativeSubjectFilter=/organisation/{orgnr}, "
                + "for the types no.altinn.correspondence.correspondencepublished (and …correspondencereceiverread, "
                + "…correspondencepurged as needed)."
            return route.name == "correspondence.correspondence.list"
                ? "Use Dialogporten, not the correspondence list, for the overview of an actor's messages "
                    + "(terms §2.2). " + subscription
                : subscription
        case .broker:
            return "\(subscribe) with sourceFilter=https://platform.altinn.no/broker/api/v1/filetransfer and "
                + "resourceFilter=urn:altinn:resource:{resourceId}, for the types no.altinn.broker.published, "
                + "no.altinn.broker.downloadconfirmed and no.altinn.broker.allconfirmeddownloaded; the event's "
                + "resourceinstance is the file transfer, so its status need not be read until an event comes."
        case .storage, .apps:
            let metadata =
                route.name.hasPrefix("apps.metadata.")
                ? " Application metadata may be cached for 60 s (its Cache-Control allows it)." : ""
            return "\(subscribe) with sourceFilter=https://{org}.apps.altinn.no/{org}/{app} and "
                + "alternativeSubjectFilter=/org/{orgnr}, for the types app.instance.created, "
                + "app.instance.process.movedTo.{taskId}, app.instance.process.completed and "
                + "app.instance.substatus.changed, instead of listing or re-reading instances." + metadata
        case .events:
            return "Replace the pull API with a webhook subscription (POST /events/api/v1/subscriptions with an "
                + "endPoint and the same resource, subject and type filters): the pull API exists only for "
                + "migrations, and events are pushed as they happen."
        case .authentication:
            return route.name.contains(".systemuser.")
                ? "Set the system user request's redirectUrl (one of the system's AllowedRedirectUrls): the "
                    + "customer comes back to it after approving, so the request's status need not be read on a timer."
                : "Cache the answer for its lifetime instead of reading it on a timer."
        case .unknown:
            return "\(subscribe) for this resource instead of reading it on a timer."
        }
    }
}
