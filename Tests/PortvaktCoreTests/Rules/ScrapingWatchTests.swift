import PortvaktCore
import Testing

@Suite struct ScrapingWatchTests {
    private static let page = Route(product: .unknown, name: "unknown")
    private static let portal = Route(product: .dialogporten, name: "dialogporten.other")
    private static let api = Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search")
    private static let start: Int64 = 1_764_000_000_000_000_000

    @Test func browserLikeRequestsOutsideTheAPIsAreAFindingAtTheThreshold() {
        var watch = ScrapingWatch(minRequests: 3)
        let found = [(5, "1", Self.portal), (1, "2", Self.page), (9, "2", Self.page)].map { offset, customer, route in
            watch.observe(
                time: Self.start + Int64(offset), supplier: "312345676", customer: customer, route: route,
                isBrowserLike: true)
        }
        #expect(found == [false, false, true])
        #expect(
            watch.findings == [
                TermsFinding(
                    rule: "7.1-scraping", supplier: "312345676", route: Self.page, customers: 2, requests: 3,
                    firstSeen: Self.start + 1, lastSeen: Self.start + 9, advice: watch.findings[0].advice)
            ])
        #expect(watch.findings.first?.advice.contains("7.1") == true)
    }

    @Test func apiCallsAndDataRequestsAreNoScraping() {
        var watch = ScrapingWatch(minRequests: 1)
        watch.observe(time: Self.start, supplier: "312345676", customer: nil, route: Self.api, isBrowserLike: true)
        watch.observe(time: Self.start, supplier: "312345676", customer: nil, route: Self.page, isBrowserLike: false)
        #expect(watch.findings.isEmpty)
        #expect(ScrapingWatch.isOutsideTheAPIs(Self.portal))
        #expect(!ScrapingWatch.isOutsideTheAPIs(Self.api))
        #expect(ScrapingWatch.isOutsideTheAPIs(Route(product: .apps, name: "apps.app.home")))
    }
}
