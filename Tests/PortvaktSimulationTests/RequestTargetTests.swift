import Testing

@testable import PortvaktSimulation

@Suite struct RequestTargetTests {
    @Test func splitsPathAndDecodesQuery() {
        let target = RequestTarget("/dialogporten/api/v1//enduser/dialogs/?party=urn%3Aaltinn%3Aorg&a=1+2&flag&b=")
        #expect(target.segments == ["dialogporten", "api", "v1", "enduser", "dialogs"])
        #expect(target.queryValue("party") == "urn:altinn:org")
        #expect(target.queryValue("a") == "1 2")
        #expect(target.queryValue("flag") == "")
        #expect(target.queryValue("b") == "")
        #expect(target.queryValue("missing") == nil)
        #expect(target.pathOnly == "/dialogporten/api/v1/enduser/dialogs")
    }

    @Test func keepsMalformedEscapes() {
        #expect(RequestTarget.percentDecoded("100%") == "100%")
        #expect(RequestTarget.percentDecoded("%zz%4") == "%zz%4")
        #expect(RequestTarget.percentDecoded("%C3%A6%41") == "æA")
    }

    @Test func rootHasNoSegments() {
        #expect(RequestTarget("/").segments.isEmpty)
        #expect(RequestTarget("/?x=1").query.count == 1)
    }
}
