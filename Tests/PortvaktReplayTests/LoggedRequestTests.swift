import PortvaktCore
import Testing

@testable import PortvaktReplay

@Suite struct LoggedRequestTests {
    @Test(arguments: [("GET", RequestMethod.get), ("POST", .post), ("HEAD", .head), ("PATCH", RequestMethod("PATCH"))])
    func theMethodIsTheCoresMethodOfTheToken(token: String, method: RequestMethod) {
        #expect(LoggedRequest(time: 0, method: token, path: "/", status: 200).requestMethod == method)
    }

    /// The route the live proxy logged wins; without one (or without its product) the catalogue's is taken.
    @Test func theRouteIsTheLoggedOneElseTheCataloguesForTheTarget() {
        let path = "/dialogporten/api/v1/enduser/dialogs?party=a"
        let search = RouteCatalogue.standard.route(host: "platform.tt02.altinn.no", method: .get, target: path)
        #expect(search.name == "dialogporten.enduser.dialogs.search")
        for (product, route) in [(nil, nil), (Product.dialogporten, nil), (nil, "made.up")] {
            let request = LoggedRequest(
                time: 0, method: "GET", host: "platform.tt02.altinn.no", path: path, product: product, route: route,
                status: 200)
            #expect(request.route(in: .standard) == search)
        }
        let logged = LoggedRequest(
            time: 0, method: "GET", host: "platform.tt02.altinn.no", path: path, product: .broker, route: "as.logged",
            status: 200)
        #expect(logged.route(in: .standard) == Route(product: .broker, name: "as.logged"))
    }

    /// The key the reading thread makes is the detector's key of the same strings.
    @Test func aSuccessfulReadsSeriesKeyIsTheDetectorsKeyOfItsFields() {
        let target = "/dialogporten/api/v1/enduser/dialogs?party=a&updatedAfter=2026-11-24T06%3A00%3A00Z"
        for (method, status) in [("GET", 200), ("HEAD", 204), ("GET", 304)] {
            let request = LoggedRequest(
                time: 0, supplier: "312345676", customer: "313999998", method: method, host: "platform.tt02.altinn.no",
                path: target, status: status)
            #expect(
                request.seriesKey
                    == PollingSeriesKey(
                        supplier: "312345676", customer: "313999998", method: RequestMethod(method),
                        host: "platform.tt02.altinn.no", target: target))
        }
        let anonymous = LoggedRequest(time: 0, method: "GET", path: target, status: 200)
        #expect(
            anonymous.seriesKey
                == PollingSeriesKey(
                    supplier: RequestParty.anonymousSupplier, customer: nil, method: .get, host: nil, target: target))
    }

    @Test(arguments: [("POST", 200), ("GET", 404), ("GET", 429), ("GET", 503), ("DELETE", 204)])
    func whatNoSeriesCountsHasNoKey(method: String, status: Int) {
        #expect(LoggedRequest(time: 0, method: method, path: "/", status: status).seriesKey == nil)
    }
}
