import PortvaktCore
import Testing

@Suite struct BrowserLikeRequestTests {
    private func judge(accept: String? = nil, mode: String? = nil, destination: String? = nil) -> Bool {
        BrowserLikeRequest.isBrowserLike(accept: accept, fetchMode: mode, fetchDestination: destination)
    }

    @Test(arguments: [
        // What Chromium and Firefox send when they load a page.
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
        "application/xhtml+xml", "TEXT/HTML ; q=0.5", "application/json, text/html;q=0.1",
    ])
    func askingForHTMLIsBrowserLike(accept: String) {
        #expect(judge(accept: accept))
    }

    @Test(arguments: [
        "application/json", "*/*", "application/problem+json, application/json;q=0.9", "text/html;q=0",
        "text/html; q=0.000", "text/htmlx",
    ])
    func askingForDataIsNot(accept: String) {
        #expect(!judge(accept: accept))
    }

    @Test func fetchMetadataOfANavigationIsBrowserLike() {
        #expect(judge(mode: "navigate"))
        #expect(judge(mode: "NAVIGATE"))
        #expect(judge(destination: "document"))
        #expect(judge(destination: "iframe"))
        #expect(!judge(mode: "cors", destination: "empty"))
        #expect(!judge())
    }
}
