import PortvaktCore
import Testing

@Suite struct PollingAdviceTests {
    private func advice(_ product: Product, _ name: String) -> String {
        PollingAdvice.advice(for: Route(product: product, name: name))
    }

    @Test func dialogportenPollersAreToldTheDialogEvents() {
        let text = advice(.dialogporten, "dialogporten.enduser.dialogs.search")
        #expect(text.contains("dialogporten.dialog.updated.v1"))
        #expect(text.contains("subjectFilter"))
        #expect(advice(.dialogporten, "dialogporten.enduser.dialogs.get").contains("revision"))
    }

    @Test func theCorrespondenceListPointsToDialogportenAndItsEvents() {
        let text = advice(.correspondence, "correspondence.correspondence.list")
        #expect(text.contains("Dialogporten"))
        #expect(text.contains("§2.2"))
        #expect(text.contains("no.altinn.correspondence.correspondencepublished"))
        #expect(!advice(.correspondence, "correspondence.correspondence.get").contains("§2.2"))
    }

    @Test func everyProductHasAdvice() {
        #expect(advice(.broker, "broker.filetransfer.status").contains("no.altinn.broker.published"))
        #expect(advice(.storage, "storage.instances.search").contains("app.instance.process.completed"))
        #expect(advice(.apps, "apps.metadata.application.get").contains("60 s"))
        #expect(advice(.events, "events.events.pull").contains("webhook"))
        #expect(
            advice(.authentication, "authentication.systemuser.request.vendor.status").contains("redirectUrl"))
        for product in Product.allCases { #expect(!advice(product, "\(product.rawValue).other").isEmpty) }
    }
}
