import NIOHTTP1
import Testing

@testable import PortvaktSimulation

@Suite struct StandInRouteTests {
    private func route(_ method: HTTPMethod, _ target: String) -> StandInRoute {
        StandInRoute(method: method, segments: RequestTarget(target).segments)
    }

    @Test func platformProducts() {
        #expect(route(.GET, "/dialogporten/api/v1/enduser/dialogs?party=x") == .dialogList)
        #expect(route(.GET, "/dialogporten/api/v1/serviceowner/dialogs") == .dialogList)
        #expect(route(.GET, "/dialogporten/api/v1/enduser/dialogs/abc") == .dialogDetails(id: "abc"))
        #expect(route(.POST, "/dialogporten/api/v1/serviceowner/dialogs") == .dialogCreate)
        #expect(route(.PATCH, "/dialogporten/api/v1/serviceowner/dialogs/abc") == .dialogUpdate(id: "abc"))
        #expect(route(.GET, "/correspondence/api/v1/correspondence?resourceId=r") == .correspondenceList)
        #expect(route(.GET, "/correspondence/api/v1/correspondence/c1") == .correspondenceOverview(id: "c1"))
        #expect(route(.GET, "/broker/api/v1/filetransfer?resourceId=r") == .fileTransferList)
        #expect(route(.GET, "/broker/api/v1/filetransfer/f1") == .fileTransferStatus(id: "f1"))
        #expect(route(.GET, "/broker/api/v1/filetransfer/f1/download") == .fileTransferDownload(id: "f1"))
        #expect(route(.POST, "/broker/api/v1/filetransfer/f1/upload") == .fileTransferUpload(id: "f1"))
        #expect(route(.OPTIONS, "/broker/api/v1/filetransfer/upload/tus/f1") == .tusOptions(id: "f1"))
        #expect(route(.POST, "/broker/api/v1/filetransfer/upload/tus/f1") == .tusCreate(id: "f1"))
        #expect(route(.HEAD, "/broker/api/v1/filetransfer/upload/tus/f1") == .tusOffset(id: "f1"))
        #expect(route(.PATCH, "/broker/api/v1/filetransfer/upload/tus/f1") == .tusPatch(id: "f1"))
        #expect(route(.DELETE, "/broker/api/v1/filetransfer/upload/tus/f1") == .tusDelete(id: "f1"))
        #expect(route(.GET, "/events/api/v1/events?after=0") == .eventsPull)
        #expect(route(.GET, "/storage/api/v1/instances?org=digdir") == .storageInstances)
        #expect(route(.GET, "/authentication/api/v1/systemuser/request/vendor/r1") == .systemUserRequest(id: "r1"))
    }

    @Test func apps() {
        #expect(route(.GET, "/digdir/demo/instances/5001/active") == .appActiveInstances(partyId: "5001"))
        #expect(
            route(.PUT, "/digdir/demo/instances/5001/guid/process/next")
                == .appProcessNext(partyId: "5001", instanceId: "guid")
        )
        #expect(route(.GET, "/digdir/demo/instances/5001/guid/process/next") == .notFound)
    }

    @Test func headMatchesEveryGetRoute() {
        #expect(route(.HEAD, "/dialogporten/api/v1/enduser/dialogs") == .dialogList)
        #expect(route(.HEAD, "/broker/api/v1/filetransfer/f1/download") == .fileTransferDownload(id: "f1"))
        #expect(route(.HEAD, "/_test/chunked") == .chunked)
    }

    @Test func testEndpoints() {
        for method: HTTPMethod in [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS] {
            #expect(route(method, "/_test/echo?x=1") == .echo)
            #expect(route(method, "/_test/status/503") == .status(code: 503))
        }
        #expect(route(.GET, "/_test/status/abc") == .notFound)
        #expect(route(.GET, "/_test/hang") == .hang)
        #expect(route(.GET, "/_test/head-then-stall") == .headThenStall)
        #expect(route(.GET, "/_test/chunked?size=10") == .chunked)
        #expect(route(.GET, "/_test/close") == .close)
        #expect(route(.GET, "/_test/headers") == .hopByHopHeaders)
    }

    @Test func everythingElseIsNotFound() {
        #expect(route(.GET, "/") == .notFound)
        #expect(route(.GET, "/dialogporten") == .notFound)
        #expect(route(.GET, "/dialogporten/api/v2/enduser/dialogs") == .notFound)
        #expect(route(.DELETE, "/dialogporten/api/v1/enduser/dialogs") == .notFound)
        #expect(route(.POST, "/dialogporten/api/v1/enduser/dialogs") == .notFound)
        #expect(route(.GET, "/broker/api/v1/filetransfer/f1/upload") == .notFound)
        #expect(route(.GET, "/events/api/v1/subscriptions") == .notFound)
        #expect(route(.GET, "/_test/nothing") == .notFound)
    }

    @Test func onlyUploadRoutesAreSinks() {
        #expect(StandInRoute.fileTransferUpload(id: "f").isUploadSink)
        #expect(StandInRoute.tusPatch(id: "f").isUploadSink)
        #expect(!StandInRoute.echo.isUploadSink)
    }
}
