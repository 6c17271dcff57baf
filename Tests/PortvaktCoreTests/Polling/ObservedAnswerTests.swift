import PortvaktCore
import Testing

@Suite struct ObservedAnswerTests {
    private static let full = ObservedAnswer(
        time: 1_764_130_000_123_456_789, supplier: "312345676", customer: "fnr:1a2b3c4d5e6f", method: "GET",
        host: "platform.tt02.altinn.no", target: "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn&x=a b",
        route: Route(product: .dialogporten, name: "dialogporten.enduser.dialogs.search"), status: 304,
        responseDigest: #"W/"9f86d081""#, isBrowserLike: true)

    @Test func aLineGivesTheSameAnswerBack() {
        #expect(ObservedAnswer(line: Self.full.line) == Self.full)
        var bare = Self.full
        bare.customer = nil
        bare.responseDigest = nil
        bare.isBrowserLike = false
        #expect(ObservedAnswer(line: bare.line) == bare)
    }

    @Test(arguments: ["", "1\t2", "x" + String(repeating: "\t", count: 10), "1\ts\t\tGET\th\t/\tnowhere\tr\t200\t\t0"])
    func whatIsNotALineIsRefused(line: String) {
        #expect(ObservedAnswer(line: line) == nil)
    }

    @Test func onlySuccessfulReadsAndBrowserLikeRequestsCanBeEvidence() {
        var answer = Self.full
        answer.isBrowserLike = false
        #expect(answer.canBeEvidence)  // a 304 to a GET
        answer.status = 503
        #expect(!answer.canBeEvidence)
        answer.status = 201
        answer.method = "POST"
        #expect(!answer.canBeEvidence)
        answer.isBrowserLike = true
        #expect(answer.canBeEvidence)
    }
}
