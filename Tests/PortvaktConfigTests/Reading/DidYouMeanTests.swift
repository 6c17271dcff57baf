import Testing

@testable import PortvaktConfig

@Suite struct DidYouMeanTests {
    @Test func countsEditsWithSwapsAsOne() {
        #expect(editDistance("platform", "platform") == 0)
        #expect(editDistance("platfrom", "platform") == 1)
        #expect(editDistance("burts", "burst") == 1)
        #expect(editDistance("listn", "listen") == 1)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("kitten", "sitting") == 3)
    }

    @Test func suggestsTheNearestCloseCandidate() {
        #expect(nearest(to: "platfrom", among: ["apps", "platform"]) == "platform")
        #expect(nearest(to: "rat", among: ["rate", "name"]) == "rate")
        #expect(nearest(to: "colour", among: ["listen", "admin"]) == nil)
        #expect(nearest(to: "ab", among: ["xy"]) == nil)
    }

    @Test func phrasesTheSuggestion() {
        #expect(didYouMean("brust", among: ["burst"]) == " (did you mean 'burst'?)")
        #expect(didYouMean("zzz", among: ["burst"]) == "")
    }
}
