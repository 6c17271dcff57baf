import PortvaktCore
import Testing

@Suite struct RoutePatternTests {
    private func matches(_ pattern: String, name: String = "broker.filetransfer.status", target: Substring) -> Bool {
        RoutePattern(pattern).matches(routeName: name, pathSegments: RoutePattern.pathSegments(of: target))
    }

    @Test func aRouteNameMatchesExactly() {
        #expect(matches("broker.filetransfer.status", target: "/anything"))
        #expect(!matches("broker.filetransfer", target: "/anything"))
        #expect(!matches("broker.filetransfer.statuses", target: "/anything"))
    }

    @Test(arguments: [
        ("broker.*", true), ("*.status", true), ("broker.*.status", true), ("*", true), ("b*r.f*.s*s", true),
        ("dialogporten.*", false), ("*.download", false), ("broker.*.details", false),
        ("broker.filetransfer.status*", true),
    ])
    func aRouteNameGlobMatchesAnyRunOfCharacters(pattern: String, expected: Bool) {
        #expect(matches(pattern, target: "/x") == expected)
    }

    @Test func aPathGlobStarIsExactlyOneSegment() {
        let pattern = "/broker/api/v1/filetransfer/*"
        #expect(matches(pattern, target: "/broker/api/v1/filetransfer/0f9e"))
        #expect(matches(pattern, target: "/broker/api/v1/filetransfer/0f9e?x=1/2"))
        #expect(!matches(pattern, target: "/broker/api/v1/filetransfer"))
        #expect(!matches(pattern, target: "/broker/api/v1/filetransfer/0f9e/details"))
    }

    @Test func aPathGlobDoubleStarIsAnyNumberOfSegments() {
        let pattern = "/broker/**/download"
        #expect(matches(pattern, target: "/broker/download"))
        #expect(matches(pattern, target: "/broker/api/v1/filetransfer/0f9e/download"))
        #expect(!matches(pattern, target: "/broker/api/v1/filetransfer/0f9e/download/x"))
        #expect(matches("/dialogporten/**", target: "/dialogporten"))
        #expect(matches("/dialogporten/**", target: "/dialogporten/api/v1/enduser/dialogs"))
        #expect(!matches("/dialogporten/**", target: "/broker/api"))
    }

    @Test func aPathGlobIgnoresTheQueryAndEmptySegmentsButNotCase() {
        #expect(matches("/broker/api/v1/filetransfer", target: "//broker/api/v1/filetransfer/?status=x"))
        #expect(!matches("/broker/api/v1/filetransfer", target: "/Broker/api/v1/filetransfer"))
    }
}
