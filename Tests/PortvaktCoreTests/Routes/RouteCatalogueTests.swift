import PortvaktTestSupport
import Testing

@testable import PortvaktCore

/// One request as a supplier would send it, and the route the catalogue must give it.
struct RouteExample: Sendable, CustomTestStringConvertible {
    let method: RequestMethod
    let target: String
    let product: Product
    let name: String

    init(_ method: RequestMethod, _ target: String, _ product: Product, _ name: String) {
        self.method = method
        self.target = target
        self.product = product
        self.name = name
    }

    var testDescription: String { "\(method.name) \(target)" }
}

private let dialog = "0194f3a2-7b1c-7d2e-8f3a-4b5c6d7e8f90"
private let guid = "6f0d2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f"
private let otherGuid = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
private let party = "50015641"
private let system = "312345676_regnskap123"

/// Every endpoint of the built-in tables, with realistic ids and queries.
let routeExamples: [RouteExample] = {
    let dp = "/dialogporten/api/v1"
    let enduser = "\(dp)/enduser/dialogs"
    let owner = "\(dp)/serviceowner/dialogs"
    let corr = "/correspondence/api/v1/correspondence"
    let attachment = "/correspondence/api/v1/attachment"
    let broker = "/broker/api/v1"
    let tus = "\(broker)/filetransfer/upload/tus"
    let events = "/events/api/v1"
    let storage = "/storage/api/v1"
    let instance = "\(storage)/instances/\(party)/\(guid)"
    let app = "/ttd/skjema-app"
    let appInstance = "\(app)/instances/\(party)/\(guid)"
    let auth = "/authentication/api/v1"
    let request = "\(auth)/systemuser/request/vendor"
    let change = "\(auth)/systemuser/changerequest/vendor"
    return [
        // Dialogporten, end user
        .init(
            .get, "\(enduser)?party=urn:altinn:organization:identifier-no:313999998&updatedAfter=2026-11-24T06:00:00Z",
            .dialogporten, "dialogporten.enduser.dialogs.search"
        ),
        .init(.get, "\(enduser)/\(dialog)", .dialogporten, "dialogporten.enduser.dialogs.get"),
        .init(.get, "\(enduser)/\(dialog)/activities", .dialogporten, "dialogporten.enduser.activities.list"),
        .init(.get, "\(enduser)/\(dialog)/activities/\(guid)", .dialogporten, "dialogporten.enduser.activities.get"),
        .init(.get, "\(enduser)/\(dialog)/transmissions", .dialogporten, "dialogporten.enduser.transmissions.list"),
        .init(
            .get, "\(enduser)/\(dialog)/transmissions/\(guid)", .dialogporten,
            "dialogporten.enduser.transmissions.get"
        ),
        .init(.get, "\(enduser)/\(dialog)/seenlog", .dialogporten, "dialogporten.enduser.seenlog.list"),
        .init(.get, "\(enduser)/\(dialog)/seenlog/\(guid)", .dialogporten, "dialogporten.enduser.seenlog.get"),
        .init(.get, "\(enduser)/\(dialog)/context/labellog", .dialogporten, "dialogporten.enduser.labellog.list"),
        .init(
            .put, "\(enduser)/\(dialog)/context/systemlabels", .dialogporten, "dialogporten.enduser.systemlabels.set"),
        .init(
            .post, "\(enduser)/context/systemlabels/actions/bulkset", .dialogporten,
            "dialogporten.enduser.systemlabels.bulkset"
        ),
        .init(
            .get, "\(dp)/enduser/dialoglookup?instanceRef=urn:altinn:instance-id:\(party)/\(guid)", .dialogporten,
            "dialogporten.enduser.dialoglookup.get"
        ),
        .init(.get, "\(dp)/enduser/parties", .dialogporten, "dialogporten.enduser.parties.list"),
        .init(
            .get, "\(dp)/enduser/serviceresources?party=urn:altinn:organization:identifier-no:313999998",
            .dialogporten, "dialogporten.enduser.serviceresources.list"
        ),
        // Dialogporten, service owner
        .init(
            .get, "\(owner)?serviceResource=urn:altinn:resource:ttd-dialogporten&limit=1000", .dialogporten,
            "dialogporten.serviceowner.dialogs.search"
        ),
        .init(.post, owner, .dialogporten, "dialogporten.serviceowner.dialogs.create"),
        .init(.get, "\(owner)/\(dialog)", .dialogporten, "dialogporten.serviceowner.dialogs.get"),
        .init(.put, "\(owner)/\(dialog)", .dialogporten, "dialogporten.serviceowner.dialogs.update"),
        .init(.patch, "\(owner)/\(dialog)", .dialogporten, "dialogporten.serviceowner.dialogs.patch"),
        .init(.delete, "\(owner)/\(dialog)", .dialogporten, "dialogporten.serviceowner.dialogs.delete"),
        .init(.post, "\(owner)/\(dialog)/actions/freeze", .dialogporten, "dialogporten.serviceowner.dialogs.freeze"),
        .init(.post, "\(owner)/\(dialog)/actions/purge", .dialogporten, "dialogporten.serviceowner.dialogs.purge"),
        .init(.post, "\(owner)/\(dialog)/actions/restore", .dialogporten, "dialogporten.serviceowner.dialogs.restore"),
        .init(
            .get, "\(owner)/\(dialog)/actions/should-send-notification?conditionType=NotExists", .dialogporten,
            "dialogporten.serviceowner.dialogs.shouldsendnotification"
        ),
        .init(.get, "\(owner)/\(dialog)/activities", .dialogporten, "dialogporten.serviceowner.activities.list"),
        .init(.post, "\(owner)/\(dialog)/activities", .dialogporten, "dialogporten.serviceowner.activities.create"),
        .init(
            .get, "\(owner)/\(dialog)/activities/\(guid)", .dialogporten, "dialogporten.serviceowner.activities.get"
        ),
        .init(.get, "\(owner)/\(dialog)/transmissions", .dialogporten, "dialogporten.serviceowner.transmissions.list"),
        .init(
            .post, "\(owner)/\(dialog)/transmissions", .dialogporten, "dialogporten.serviceowner.transmissions.create"
        ),
        .init(
            .get, "\(owner)/\(dialog)/transmissions/\(guid)", .dialogporten,
            "dialogporten.serviceowner.transmissions.get"
        ),
        .init(
            .put, "\(owner)/\(dialog)/transmissions/\(guid)", .dialogporten,
            "dialogporten.serviceowner.transmissions.update"
        ),
        .init(.get, "\(owner)/\(dialog)/seenlog", .dialogporten, "dialogporten.serviceowner.seenlog.list"),
        .init(.get, "\(owner)/\(dialog)/seenlog/\(guid)", .dialogporten, "dialogporten.serviceowner.seenlog.get"),
        .init(.get, "\(owner)/\(dialog)/context/labels", .dialogporten, "dialogporten.serviceowner.labels.list"),
        .init(.post, "\(owner)/\(dialog)/context/labels", .dialogporten, "dialogporten.serviceowner.labels.create"),
        .init(
            .delete, "\(owner)/\(dialog)/context/labels/urgent", .dialogporten,
            "dialogporten.serviceowner.labels.delete"
        ),
        .init(
            .put, "\(owner)/\(dialog)/endusercontext/systemlabels", .dialogporten,
            "dialogporten.serviceowner.systemlabels.set"
        ),
        .init(
            .get, "\(owner)/endusercontext?party=urn:altinn:organization:identifier-no:313999998", .dialogporten,
            "dialogporten.serviceowner.endusercontext.list"
        ),
        .init(
            .post, "\(owner)/endusercontext/systemlabels/actions/bulkset", .dialogporten,
            "dialogporten.serviceowner.systemlabels.bulkset"
        ),
        .init(
            .get, "\(dp)/serviceowner/dialoglookup?instanceRef=urn:altinn:dialog-id:\(dialog)", .dialogporten,
            "dialogporten.serviceowner.dialoglookup.get"
        ),
        // Dialogporten, metadata, well-known, GraphQL
        .init(.get, "\(dp)/metadata/limits", .dialogporten, "dialogporten.metadata.limits.get"),
        .init(.get, "\(dp)/metadata/serviceresources", .dialogporten, "dialogporten.metadata.serviceresources.list"),
        .init(.get, "\(dp)/.well-known/jwks.json", .dialogporten, "dialogporten.wellknown.jwks.get"),
        .init(
            .get, "\(dp)/.well-known/oauth-authorization-server", .dialogporten,
            "dialogporten.wellknown.authorizationserver.get"
        ),
        .init(.post, "/dialogporten/graphql", .dialogporten, "dialogporten.graphql.query"),
        .init(.get, "/dialogporten/graphql?query=%7BdialogById%7D", .dialogporten, "dialogporten.graphql.query"),

        // Correspondence
        .init(.post, corr, .correspondence, "correspondence.correspondence.initialize"),
        .init(.post, "\(corr)/upload", .correspondence, "correspondence.correspondence.upload"),
        .init(
            .get, "\(corr)?resourceId=ttd-melding&role=Recipient&from=2026-11-23T00:00:00Z&onBehalfOf=0192:313999998",
            .correspondence, "correspondence.correspondence.list"
        ),
        .init(.get, "\(corr)/\(guid)", .correspondence, "correspondence.correspondence.get"),
        .init(.get, "\(corr)/\(guid)/details", .correspondence, "correspondence.correspondence.details"),
        .init(.get, "\(corr)/\(guid)/content", .correspondence, "correspondence.correspondence.content"),
        .init(.post, "\(corr)/\(guid)/markasread", .correspondence, "correspondence.correspondence.markasread"),
        .init(.post, "\(corr)/\(guid)/confirm", .correspondence, "correspondence.correspondence.confirm"),
        .init(.delete, "\(corr)/\(guid)/purge", .correspondence, "correspondence.correspondence.purge"),
        .init(
            .get, "\(corr)/\(guid)/attachment/\(otherGuid)/download", .correspondence,
            "correspondence.correspondence.attachment.download"
        ),
        .init(
            .get, "\(corr)/\(guid)/attachments/downloadall", .correspondence,
            "correspondence.correspondence.attachments.downloadall"
        ),
        .init(.post, "\(corr)/\(guid)/forward", .correspondence, "correspondence.correspondence.forward"),
        .init(.get, "\(corr)/\(guid)/forward/check", .correspondence, "correspondence.correspondence.forward.check"),
        .init(
            .get, "\(corr)/\(guid)/notification/check", .correspondence,
            "correspondence.correspondence.notification.check"
        ),
        .init(
            .get, "\(corr)/\(guid)/notification/check/main", .correspondence,
            "correspondence.correspondence.notification.checkmain"
        ),
        .init(.post, attachment, .correspondence, "correspondence.attachment.initialize"),
        .init(.post, "\(attachment)/\(guid)/upload", .correspondence, "correspondence.attachment.upload"),
        .init(.get, "\(attachment)/\(guid)", .correspondence, "correspondence.attachment.get"),
        .init(.get, "\(attachment)/\(guid)/details", .correspondence, "correspondence.attachment.details"),
        .init(.delete, "\(attachment)/\(guid)", .correspondence, "correspondence.attachment.purge"),
        .init(.get, "\(attachment)/\(guid)/download", .correspondence, "correspondence.attachment.download"),

        // Broker
        .init(.post, "\(broker)/filetransfer", .broker, "broker.filetransfer.initialize"),
        .init(.post, "\(broker)/filetransfer/upload", .broker, "broker.filetransfer.initializeandupload"),
        .init(.post, "\(broker)/filetransfer/\(guid)/upload", .broker, "broker.filetransfer.upload"),
        .init(
            .get, "\(broker)/filetransfer?resourceId=ttd-formidling&status=Published&role=Recipient", .broker,
            "broker.filetransfer.search"
        ),
        .init(.get, "\(broker)/filetransfer/\(guid)", .broker, "broker.filetransfer.status"),
        .init(.get, "\(broker)/filetransfer/\(guid)/details", .broker, "broker.filetransfer.details"),
        .init(.get, "\(broker)/filetransfer/\(guid)/download", .broker, "broker.filetransfer.download"),
        .init(.post, "\(broker)/filetransfer/\(guid)/confirmdownload", .broker, "broker.filetransfer.confirmdownload"),
        .init(.options, tus, .broker, "broker.filetransfer.tus.options"),
        .init(.post, tus, .broker, "broker.filetransfer.tus.create"),
        .init(.options, "\(tus)/\(guid)", .broker, "broker.filetransfer.tus.options"),
        .init(.post, "\(tus)/\(guid)", .broker, "broker.filetransfer.tus.create"),
        .init(.head, "\(tus)/\(guid)", .broker, "broker.filetransfer.tus.offset"),
        .init(.patch, "\(tus)/\(guid)", .broker, "broker.filetransfer.tus.append"),
        .init(.delete, "\(tus)/\(guid)", .broker, "broker.filetransfer.tus.terminate"),
        .init(.post, "\(tus)/\(guid)/partial", .broker, "broker.filetransfer.tus.partial.create"),
        .init(.head, "\(tus)/\(guid)/partial/\(otherGuid)", .broker, "broker.filetransfer.tus.partial.offset"),
        .init(.patch, "\(tus)/\(guid)/partial/\(otherGuid)", .broker, "broker.filetransfer.tus.partial.append"),
        .init(.delete, "\(tus)/\(guid)/partial/\(otherGuid)", .broker, "broker.filetransfer.tus.partial.terminate"),
        .init(.put, "\(broker)/resource/ttd-formidling", .broker, "broker.resource.configure"),
        .init(.get, "\(broker)/resource/ttd-formidling", .broker, "broker.resource.get"),
        .init(.post, "\(broker)/serviceowner", .broker, "broker.serviceowner.create"),
        .init(.get, "\(broker)/serviceowner", .broker, "broker.serviceowner.get"),
        .init(.get, "\(broker)/statistics/monthly?year=2026&month=11", .broker, "broker.statistics.monthly"),
        .init(
            .post, "\(broker)/statistics/generate-daily-summary", .broker, "broker.statistics.dailysummary.generate"
        ),
        .init(
            .post, "\(broker)/statistics/generate-and-download-daily-summary", .broker,
            "broker.statistics.dailysummary.download"
        ),

        // Events
        .init(.post, "\(events)/subscriptions", .events, "events.subscriptions.create"),
        .init(.get, "\(events)/subscriptions", .events, "events.subscriptions.list"),
        .init(.get, "\(events)/subscriptions/4711", .events, "events.subscriptions.get"),
        .init(.delete, "\(events)/subscriptions/4711", .events, "events.subscriptions.delete"),
        .init(.put, "\(events)/subscriptions/validate/4711", .events, "events.subscriptions.validate"),
        .init(
            .get, "\(events)/events?resource=urn:altinn:resource:ttd-melding&after=0&size=50", .events,
            "events.events.pull"
        ),
        .init(.post, "\(events)/events", .events, "events.events.publish"),
        .init(.get, "\(events)/app/ttd/skjema-app?after=0&party=\(party)", .events, "events.app.pull"),
        .init(.get, "\(events)/app/party?after=0&size=50", .events, "events.app.party.pull"),
        .init(.post, "\(events)/app", .events, "events.app.publish"),
        .init(.post, "\(events)/inbound", .events, "events.inbound.publish"),
        .init(.post, "\(events)/outbound", .events, "events.outbound.publish"),
        .init(.post, "\(events)/storage/events", .events, "events.storage.publish"),

        // Storage
        .init(
            .get, "\(storage)/instances?appId=ttd/skjema-app&lastChanged=gt:2026-11-23T00:00:00Z&size=100", .storage,
            "storage.instances.search"
        ),
        .init(.post, "\(storage)/instances?appId=ttd/skjema-app", .storage, "storage.instances.create"),
        .init(.get, "\(storage)/instances/\(guid)", .storage, "storage.instances.getbyguid"),
        .init(.get, instance, .storage, "storage.instances.get"),
        .init(.delete, "\(instance)?hard=true", .storage, "storage.instances.delete"),
        .init(.post, "\(instance)/complete", .storage, "storage.instances.complete"),
        .init(.post, "\(instance)/sign", .storage, "storage.instances.sign"),
        .init(.put, "\(instance)/readstatus?status=read", .storage, "storage.instances.readstatus"),
        .init(.put, "\(instance)/substatus", .storage, "storage.instances.substatus"),
        .init(.put, "\(instance)/presentationtexts", .storage, "storage.instances.presentationtexts"),
        .init(.put, "\(instance)/datavalues", .storage, "storage.instances.datavalues"),
        .init(.post, "\(instance)/data?dataType=default", .storage, "storage.data.create"),
        .init(.get, "\(instance)/data/\(otherGuid)", .storage, "storage.data.get"),
        .init(.put, "\(instance)/data/\(otherGuid)", .storage, "storage.data.update"),
        .init(.delete, "\(instance)/data/\(otherGuid)", .storage, "storage.data.delete"),
        .init(.get, "\(instance)/dataelements", .storage, "storage.dataelements.list"),
        .init(.get, "\(instance)/events?eventTypes=created", .storage, "storage.instanceevents.list"),
        .init(.post, "\(instance)/events", .storage, "storage.instanceevents.create"),
        .init(.get, "\(instance)/events/\(otherGuid)", .storage, "storage.instanceevents.get"),
        .init(.put, "\(instance)/process", .storage, "storage.process.update"),
        .init(.get, "\(instance)/process/history", .storage, "storage.process.history"),
        .init(.get, "\(storage)/applications", .storage, "storage.applications.list"),
        .init(.get, "\(storage)/applications/ttd", .storage, "storage.applications.listbyorg"),
        .init(.get, "\(storage)/applications/ttd/skjema-app", .storage, "storage.applications.get"),
        .init(.post, "\(storage)/sbl/instances/search", .storage, "storage.sbl.instances.search"),
        .init(.get, "\(storage)/sbl/instances/\(party)/\(guid)", .storage, "storage.sbl.instances.get"),
        .init(.delete, "\(storage)/sbl/instances/\(party)/\(guid)", .storage, "storage.sbl.instances.delete"),
        .init(.get, "\(storage)/sbl/instances/\(party)/\(guid)/events", .storage, "storage.sbl.instances.events"),
        .init(.put, "\(storage)/sbl/instances/\(party)/\(guid)/undelete", .storage, "storage.sbl.instances.undelete"),

        // Apps
        .init(.get, app, .apps, "apps.app.home"),
        .init(.post, "\(app)/instances?instanceOwnerPartyId=\(party)", .apps, "apps.instances.create"),
        .init(.post, "\(app)/instances/create", .apps, "apps.instances.createsimplified"),
        .init(.get, "\(app)/instances/\(party)/active", .apps, "apps.instances.active"),
        .init(.get, appInstance, .apps, "apps.instances.get"),
        .init(.delete, "\(appInstance)?hard=true", .apps, "apps.instances.delete"),
        .init(.post, "\(appInstance)/complete", .apps, "apps.instances.complete"),
        .init(.put, "\(appInstance)/substatus", .apps, "apps.instances.substatus"),
        .init(.get, "\(appInstance)/validate", .apps, "apps.instances.validate"),
        .init(.post, "\(appInstance)/actions", .apps, "apps.instances.action"),
        .init(.post, "\(appInstance)/data?dataType=model", .apps, "apps.data.create"),
        .init(.post, "\(appInstance)/data/model", .apps, "apps.data.create"),
        .init(.post, "\(appInstance)/data/type/model", .apps, "apps.data.create"),
        .init(.patch, "\(appInstance)/data", .apps, "apps.data.patchmultiple"),
        .init(.get, "\(appInstance)/data/\(otherGuid)", .apps, "apps.data.get"),
        .init(.get, "\(appInstance)/data/\(otherGuid)/type/model", .apps, "apps.data.get"),
        .init(.put, "\(appInstance)/data/\(otherGuid)", .apps, "apps.data.update"),
        .init(.put, "\(appInstance)/data/\(otherGuid)/type/model", .apps, "apps.data.update"),
        .init(.patch, "\(appInstance)/data/\(otherGuid)", .apps, "apps.data.patch"),
        .init(.delete, "\(appInstance)/data/\(otherGuid)", .apps, "apps.data.delete"),
        .init(.get, "\(appInstance)/data/\(otherGuid)/validate", .apps, "apps.data.validate"),
        .init(.get, "\(appInstance)/data/\(otherGuid)/tags", .apps, "apps.data.tags.list"),
        .init(.post, "\(appInstance)/data/\(otherGuid)/tags", .apps, "apps.data.tags.add"),
        .init(.put, "\(appInstance)/data/\(otherGuid)/tags", .apps, "apps.data.tags.set"),
        .init(.delete, "\(appInstance)/data/\(otherGuid)/tags/signed", .apps, "apps.data.tags.delete"),
        .init(.get, "\(appInstance)/process", .apps, "apps.process.get"),
        .init(.post, "\(appInstance)/process/start", .apps, "apps.process.start"),
        .init(.get, "\(appInstance)/process/next", .apps, "apps.process.nexttasks"),
        .init(.put, "\(appInstance)/process/next?language=nb", .apps, "apps.process.next"),
        .init(.put, "\(appInstance)/process/completeProcess", .apps, "apps.process.complete"),
        .init(.get, "\(appInstance)/process/history", .apps, "apps.process.history"),
        .init(.get, "\(appInstance)/signing", .apps, "apps.signing.get"),
        .init(.get, "\(appInstance)/pdf/preview", .apps, "apps.pdf.preview"),
        .init(.get, "\(app)/api/v1/applicationmetadata", .apps, "apps.metadata.application.get"),
        .init(.get, "\(app)/api/v1/texts/nb", .apps, "apps.metadata.texts.get"),
        .init(.get, "\(app)/api/jsonschema/model", .apps, "apps.metadata.jsonschema.get"),
        .init(.post, "\(app)/api/v1/eventsreceiver?code=secret", .apps, "apps.eventsreceiver.receive"),

        // Authentication
        .init(.get, "\(auth)/exchange/maskinporten", .authentication, "authentication.token.exchange"),
        .init(.get, "\(auth)/exchange/id-porten", .authentication, "authentication.token.exchange"),
        .init(.get, "\(auth)/refresh", .authentication, "authentication.token.refresh"),
        .init(.post, "\(auth)/introspection", .authentication, "authentication.token.introspect"),
        .init(
            .get, "\(auth)/openid/.well-known/openid-configuration", .authentication,
            "authentication.openid.configuration"
        ),
        .init(
            .get, "\(auth)/openid/.well-known/openid-configuration/jwks", .authentication,
            "authentication.openid.jwks"
        ),
        .init(.get, "\(auth)/systemregister", .authentication, "authentication.systemregister.list"),
        .init(.get, "\(auth)/systemregister/\(system)", .authentication, "authentication.systemregister.get"),
        .init(
            .get, "\(auth)/systemregister/\(system)/rights", .authentication,
            "authentication.systemregister.rights.get"
        ),
        .init(
            .get, "\(auth)/systemregister/\(system)/accesspackages", .authentication,
            "authentication.systemregister.accesspackages.get"
        ),
        .init(.post, "\(auth)/systemregister/vendor", .authentication, "authentication.systemregister.vendor.create"),
        .init(.get, "\(auth)/systemregister/vendor", .authentication, "authentication.systemregister.vendor.list"),
        .init(
            .get, "\(auth)/systemregister/vendor/\(system)", .authentication,
            "authentication.systemregister.vendor.get"
        ),
        .init(
            .put, "\(auth)/systemregister/vendor/\(system)", .authentication,
            "authentication.systemregister.vendor.update"
        ),
        .init(
            .delete, "\(auth)/systemregister/vendor/\(system)", .authentication,
            "authentication.systemregister.vendor.delete"
        ),
        .init(
            .put, "\(auth)/systemregister/vendor/\(system)/rights", .authentication,
            "authentication.systemregister.vendor.rights.update"
        ),
        .init(
            .put, "\(auth)/systemregister/vendor/\(system)/accesspackages", .authentication,
            "authentication.systemregister.vendor.accesspackages.update"
        ),
        .init(
            .get, "\(auth)/systemregister/vendor/\(system)/changelog", .authentication,
            "authentication.systemregister.vendor.changelog.get"
        ),
        .init(.post, request, .authentication, "authentication.systemuser.request.vendor.create"),
        .init(.get, "\(request)/\(guid)", .authentication, "authentication.systemuser.request.vendor.status"),
        .init(.delete, "\(request)/\(guid)", .authentication, "authentication.systemuser.request.vendor.delete"),
        .init(
            .get, "\(request)/byexternalref/\(system)/313999998/customer-42", .authentication,
            "authentication.systemuser.request.vendor.byexternalref"
        ),
        .init(
            .get, "\(request)/bysystem/\(system)?token=abc", .authentication,
            "authentication.systemuser.request.vendor.bysystem"
        ),
        .init(.post, "\(request)/agent", .authentication, "authentication.systemuser.request.vendor.agent.create"),
        .init(
            .get, "\(request)/agent/\(guid)", .authentication, "authentication.systemuser.request.vendor.agent.status"
        ),
        .init(
            .get, "\(request)/agent/byexternalref/\(system)/313999998/customer-42", .authentication,
            "authentication.systemuser.request.vendor.agent.byexternalref"
        ),
        .init(
            .get, "\(request)/agent/bysystem/\(system)", .authentication,
            "authentication.systemuser.request.vendor.agent.bysystem"
        ),
        .init(.post, change, .authentication, "authentication.systemuser.changerequest.vendor.create"),
        .init(.get, "\(change)/\(guid)", .authentication, "authentication.systemuser.changerequest.vendor.status"),
        .init(.delete, "\(change)/\(guid)", .authentication, "authentication.systemuser.changerequest.vendor.delete"),
        .init(
            .get, "\(change)/byexternalref/\(system)/313999998/customer-42", .authentication,
            "authentication.systemuser.changerequest.vendor.byexternalref"
        ),
        .init(
            .get, "\(change)/bysystem/\(system)", .authentication,
            "authentication.systemuser.changerequest.vendor.bysystem"
        ),
        .init(
            .get, "\(auth)/systemuser/vendor/bysystem/\(system)?token=abc", .authentication,
            "authentication.systemuser.vendor.bysystem"
        ),
        .init(
            .get, "\(auth)/systemuser/vendor/byquery?system-id=\(system)&orgno=313999998&external-ref=customer-42",
            .authentication, "authentication.systemuser.vendor.byquery"
        ),
        .init(
            .get,
            "\(auth)/systemuser/byExternalId?clientId=\(guid)&systemProviderOrgNo=312345676"
                + "&systemUserOwnerOrgNo=313999998&externalRef=customer-42",
            .authentication, "authentication.systemuser.byexternalid"
        ),
        .init(.get, "\(auth)/systemuser/\(party)", .authentication, "authentication.systemuser.enduser.list"),
        .init(.get, "\(auth)/systemuser/\(party)/\(guid)", .authentication, "authentication.systemuser.enduser.get"),
        .init(
            .delete, "\(auth)/systemuser/\(party)/\(guid)", .authentication,
            "authentication.systemuser.enduser.delete"
        ),
        .init(.get, "\(auth)/systemuser/agent/\(party)", .authentication, "authentication.systemuser.agent.list"),
        .init(
            .get, "\(auth)/systemuser/agent/\(party)/clients", .authentication,
            "authentication.systemuser.agent.clients.list"
        ),
        .init(
            .get, "\(auth)/enduser/systemuser/clients?agent=\(guid)", .authentication,
            "authentication.enduser.systemuser.clients.list"
        ),
        .init(
            .post, "\(auth)/enduser/systemuser/clients", .authentication,
            "authentication.enduser.systemuser.clients.add"
        ),
        .init(
            .delete, "\(auth)/enduser/systemuser/clients", .authentication,
            "authentication.enduser.systemuser.clients.remove"
        ),
        .init(
            .get, "\(auth)/enduser/systemuser/clients/available", .authentication,
            "authentication.enduser.systemuser.clients.available"
        ),
        .init(
            .get, "\(auth)/enduser/systemuser/agents", .authentication, "authentication.enduser.systemuser.agents.list"
        ),
    ]
}()

@Suite struct RouteCatalogueTests {
    let catalogue = RouteCatalogue.standard

    @Test(arguments: routeExamples)
    func routesEveryEndpoint(_ example: RouteExample) {
        let route = catalogue.route(host: "platform.tt02.altinn.no", method: example.method, target: example.target)
        #expect(route == Route(product: example.product, name: example.name))
    }

    @Test func everyTableRowHasAnExample() {
        let examples = Set(routeExamples.map { "\($0.method.name) \($0.name)" })
        for (_, definitions) in RouteTables.all {
            for definition in definitions {
                #expect(examples.contains("\(definition.method.name) \(definition.name)"), "\(definition.pattern)")
            }
        }
    }

    @Test func listsEveryRouteItCanGiveOnce() {
        let routes = catalogue.routes
        #expect(Set(routes).count == routes.count)
        #expect(Set(routeExamples.map { Route(product: $0.product, name: $0.name) }).isSubset(of: Set(routes)))
        for product in Product.allCases where product != .unknown {
            #expect(routes.contains(Route(product: product, name: "\(product.rawValue).other")))
        }
        #expect(routes.last == Route(product: .unknown, name: "unknown"))
    }

    @Test func namesAreLowerCaseDotSeparatedAndStartWithTheirProduct() {
        for (product, definitions) in RouteTables.all {
            for definition in definitions {
                let parts = definition.name.split(separator: ".", omittingEmptySubsequences: false)
                #expect(parts.count >= 3, "\(definition.name)")
                #expect(parts.first == Substring(product.rawValue), "\(definition.name)")
                let isPlain = parts.allSatisfy { part in
                    !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
                }
                #expect(isPlain, "\(definition.name)")
            }
        }
    }

    @Test(arguments: routeExamples.filter { $0.method == .get && !$0.target.contains("/upload/tus") })
    func headTakesTheGetRoute(_ example: RouteExample) {
        let route = catalogue.route(host: nil, method: .head, target: example.target)
        #expect(route == Route(product: example.product, name: example.name))
    }

    @Test(arguments: [
        (RequestMethod.get, "/broker/api/v1/filetransfer/\(guid)/nothing-here", Product.broker),
        (.post, "/broker/api/v1/filetransfer/\(guid)", .broker),
        (.other, "/broker/api/v1/filetransfer", .broker),
        (.get, "/broker", .broker),
        (.get, "/broker/api/v2/filetransfer", .broker),
        (.get, "/dialogporten/api/v1/enduser/dialogs/\(dialog)/unknown", .dialogporten),
        (.get, "/dialogporten", .dialogporten),
        (.delete, "/events/api/v1/events", .events),
        (.get, "/storage/api/v1/instances/\(party)/\(guid)/data", .storage),
        (.get, "/correspondence/api/v1/correspondence/\(guid)/attachment", .correspondence),
        (.get, "/authentication/api/v1/enduser/selfidentified", .authentication),
        (.get, "/ttd/skjema-app/instances/\(party)/\(guid)/payment/order-details", .apps),
        (.get, "/ttd/skjema-app/api/v1/parties?allowedToInstantiateFilter=true", .apps),
    ])
    func pathsUnderAProductThatMatchNoEndpointAreOther(method: RequestMethod, target: String, product: Product) {
        let route = catalogue.route(host: nil, method: method, target: target)
        #expect(route == Route(product: product, name: "\(product.rawValue).other"))
    }

    @Test(arguments: ["/", "", "/favicon.ico", "/healthz?probe=1", "//", "/ttd", "/ttd/", "*", "/evil.example:443/app"])
    func pathsWithoutAProductAreUnknown(target: String) {
        #expect(catalogue.route(host: nil, method: .get, target: target) == Route(product: .unknown, name: "unknown"))
    }

    @Test func appsAreNamedByPathWithQueryAndByHost() {
        let target = "/ttd/skjema-app/instances/\(party)/active?language=nb"
        let expected = Route(product: .apps, name: "apps.instances.active")
        #expect(catalogue.route(host: nil, method: .get, target: target) == expected)
        #expect(catalogue.route(host: "ttd.apps.tt02.altinn.no", method: .get, target: target) == expected)
        #expect(catalogue.route(host: "TTD.Apps.altinn.no:443", method: .get, target: target) == expected)
    }

    @Test func anAppsHostMakesEveryPathAnAppsPath() {
        let host = "ttd.apps.tt02.altinn.no"
        #expect(catalogue.route(host: host, method: .get, target: "/") == Route(product: .apps, name: "apps.other"))
        #expect(
            catalogue.route(host: host, method: .get, target: "/broker/api/v1/filetransfer")
                == Route(product: .apps, name: "apps.other")
        )
        #expect(
            catalogue.route(host: host, method: .get, target: "/storage/api/v1/applicationmetadata")
                == Route(product: .apps, name: "apps.other")
        )
    }

    @Test(arguments: [
        "platform.tt02.altinn.no", "apps.altinn.no", ".apps.altinn.no", "ttd.appsx.altinn.no", "ttd.app.altinn.no",
        "ttd.apps-x.altinn.no", "ttd", "ttd.", "",
    ])
    func otherHostsDoNotMarkApps(host: String) {
        #expect(!RouteCatalogue.isAppsHost(host))
    }

    @Test(arguments: [
        "ttd.apps.altinn.no", "ttd.apps.tt02.altinn.no", "TTD.APPS.tt02.altinn.no", "ttd.Apps:443", "ttd.apps",
    ])
    func appsHostsAreKnownByTheirSecondLabel(host: String) {
        #expect(RouteCatalogue.isAppsHost(host))
    }

    @Test func trailingSlashesEmptySegmentsAndCaseDoNotChangeTheRoute() {
        let expected = Route(product: .broker, name: "broker.filetransfer.status")
        for target in [
            "/broker/api/v1/filetransfer/\(guid)/", "//broker/api/v1//filetransfer/\(guid)",
            "/broker/api/v1/filetransfer/\(guid)//?x=1", "/Broker/API/v1/FileTransfer/\(guid)",
        ] {
            #expect(catalogue.route(host: nil, method: .get, target: target) == expected, "\(target)")
        }
    }

    @Test func percentEncodingIsNotDecoded() {
        #expect(
            catalogue.route(host: nil, method: .get, target: "/broker/api/v1/file%74ransfer")
                == Route(product: .broker, name: "broker.other")
        )
        #expect(
            catalogue.route(host: nil, method: .get, target: "/broker/api/v1/filetransfer/a%2Fb")
                == Route(product: .broker, name: "broker.filetransfer.status")
        )
    }

    @Test func aQuestionMarkEndsThePathEvenInsideWhatLooksLikeASegment() {
        #expect(
            catalogue.route(host: nil, method: .get, target: "/events/api/v1/events?after=/subscriptions")
                == Route(product: .events, name: "events.events.pull")
        )
    }

    @Test func aBridgedOrSubstringBackedTargetRoutesTheSame() {
        let target = String("x/broker/api/v1/filetransfer".dropFirst())
        #expect(
            catalogue.route(host: nil, method: .get, target: target)
                == Route(product: .broker, name: "broker.filetransfer.search")
        )
    }

    @Test(.onOwnThreads) func aHundredThousandLookupsGiveTheSameAnswers() {
        let expected = routeExamples.map { Route(product: $0.product, name: $0.name) }
        var mismatches = 0
        for round in 0..<100_000 {
            let index = round % routeExamples.count
            let example = routeExamples[index]
            if catalogue.route(host: nil, method: example.method, target: example.target) != expected[index] {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }
}
