import PortvaktCore
import Testing

@Suite struct UpstreamMapTests {
    let map = try! UpstreamMap(platform: "https://platform.tt02.altinn.no", apps: "https://{org}.apps.tt02.altinn.no")

    @Test func platformProductsGoToThePlatformWithTheirQuery() {
        let target = "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998"
        #expect(map.url(product: .dialogporten, target: target) == "https://platform.tt02.altinn.no\(target)")
        #expect(map.host(product: .dialogporten, target: target) == "platform.tt02.altinn.no")
    }

    @Test func appsGoToTheirOwnersHost() {
        let target = "/ttd/skjema-app/instances/50015641/active?language=nb"
        #expect(map.url(product: .apps, target: target) == "https://ttd.apps.tt02.altinn.no\(target)")
        #expect(map.host(product: .apps, target: target) == "ttd.apps.tt02.altinn.no")
        #expect(map.url(product: .apps, target: "//skd/app/") == "https://skd.apps.tt02.altinn.no//skd/app/")
    }

    @Test(arguments: ["/evil.example.com/app", "/user@evil/app", "/ttd%2Eevil/app", "/?x=/a/b", "/"])
    func aFirstSegmentThatIsNoDNSLabelNeverBecomesAHost(target: String) {
        #expect(map.url(product: .apps, target: target) == "https://platform.tt02.altinn.no\(target)")
        #expect(map.host(product: .apps, target: target) == "platform.tt02.altinn.no")
    }

    @Test func unknownRequestsGoToThePlatform() {
        #expect(map.url(product: .unknown, target: "/favicon.ico") == "https://platform.tt02.altinn.no/favicon.ico")
    }

    @Test func basesKeepPortAndPathPrefixAndDropATrailingSlash() throws {
        let local = try UpstreamMap(platform: "http://127.0.0.1:8081/altinn/", apps: "http://127.0.0.1:8082/{org}")
        #expect(
            local.url(product: .broker, target: "/broker/api/v1/filetransfer")
                == "http://127.0.0.1:8081/altinn/broker/api/v1/filetransfer")
        #expect(local.host(product: .broker, target: "/broker/api/v1/filetransfer") == "127.0.0.1:8081")
        #expect(local.url(product: .apps, target: "/ttd/app") == "http://127.0.0.1:8082/ttd/ttd/app")
        #expect(local.host(product: .apps, target: "/ttd/app") == "127.0.0.1:8082")
        let named = try UpstreamMap(platform: "http://localhost:8081", apps: "http://{org}.localhost:8082")
        #expect(named.url(product: .apps, target: "/ttd/app") == "http://ttd.localhost:8082/ttd/app")
        #expect(named.host(product: .apps, target: "/ttd/app") == "ttd.localhost:8082")
    }

    @Test(arguments: [
        (
            "platform.tt02.altinn.no", "https://{org}.apps.tt02.altinn.no", "platform",
            "must start with http:// or https://"
        ),
        (
            "ftp://platform.tt02.altinn.no", "https://{org}.apps.tt02.altinn.no", "platform",
            "must start with http:// or https://"
        ),
        ("https://", "https://{org}.apps.tt02.altinn.no", "platform", "has no host"),
        ("https://:443/x", "https://{org}.apps.tt02.altinn.no", "platform", "has no host"),
        (
            "https://platform.tt02.altinn.no?x=1", "https://{org}.apps.tt02.altinn.no", "platform",
            "must not contain '?'"
        ),
        (
            "https://user:pw@platform.tt02.altinn.no", "https://{org}.apps.tt02.altinn.no", "platform",
            "must not contain user info"
        ),
        (
            "https://{org}.platform.altinn.no", "https://{org}.apps.tt02.altinn.no", "platform",
            "must not contain {org}: the platform host serves every organisation"
        ),
        (
            "https://platform.tt02.altinn.no", "https://ttd.apps.tt02.altinn.no", "apps",
            "must contain {org} (the app owner), e.g. https://{org}.apps.tt02.altinn.no"
        ),
        ("https://platform.tt02.altinn.no", "https://{org}.apps.{org}.altinn.no", "apps", "must contain {org} once"),
        ("https://platform.tt02.altinn.no", "https://{org}.apps.tt02.altinn.no#top", "apps", "must not contain '#'"),
    ])
    func rejectsBaseURLsThatCannotWork(platform: String, apps: String, key: String, reason: String) {
        #expect {
            try UpstreamMap(platform: platform, apps: apps)
        } throws: { error in
            guard let error = error as? UpstreamConfigurationError else { return false }
            return error.key == key && error.reason == reason
                && error.description == "upstreams.\(key) \"\(key == "platform" ? platform : apps)\" \(reason)"
        }
    }
}
