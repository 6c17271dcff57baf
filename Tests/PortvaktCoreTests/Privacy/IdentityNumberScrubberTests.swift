import PortvaktCore
import Testing

@Suite struct IdentityNumberScrubberTests {
    /// Marks what it replaced, so each test can see exactly which numbers were found.
    private static let scrubber = IdentityNumberScrubber { "fnr:<\($0)>" }

    private func scrubbed(_ text: String) -> String {
        Self.scrubber.scrubbed(text)
    }

    @Test func replacesNumbersInPathsQueriesAndURNs() {
        #expect(scrubbed("/api/v1/parties/31129956715") == "/api/v1/parties/fnr:<31129956715>")
        #expect(scrubbed("/api/v1/parties/31129956715/roles") == "/api/v1/parties/fnr:<31129956715>/roles")
        #expect(
            scrubbed("/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:person:identifier-no:03864299708")
                == "/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:person:identifier-no:fnr:<03864299708>")
        #expect(scrubbed("?endUserId=41010199946&x=1") == "?endUserId=fnr:<41010199946>&x=1")
        #expect(scrubbed("Person:11887197158") == "Person:fnr:<11887197158>")
        #expect(scrubbed("/person/30108299939") == "/person/fnr:<30108299939>")
        #expect(scrubbed("31129956715") == "fnr:<31129956715>")
    }

    @Test func readsTextAsAURLCarriesIt() {
        #expect(
            scrubbed("party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3A03864299708&x=1")
                == "party=urn%3Aaltinn%3Aperson%3Aidentifier-no%3Afnr:<03864299708>&x=1")
        // A percent escape whose last hex digit is a digit is one character, not part of the number's run.
        #expect(scrubbed("q=Person%2031129956715%22") == "q=Person%20fnr:<31129956715>%22")
        #expect(scrubbed("%2F31129956715%2F") == "%2Ffnr:<31129956715>%2F")
        // Escaped digits count as digits.
        #expect(scrubbed("party=%331129956715") == "party=fnr:<31129956715>")
        #expect(scrubbed("%33%31%31%32%39%39%35%36%37%31%35") == "fnr:<31129956715>")
        // A truncated escape is just a percent sign.
        #expect(scrubbed("31129956715%3") == "fnr:<31129956715>%3")
    }

    @Test func replacesEveryNumberAndLettersDelimitThem() {
        #expect(
            scrubbed("/a/31129956715/b/41010199946?c=31129956715")
                == "/a/fnr:<31129956715>/b/fnr:<41010199946>?c=fnr:<31129956715>")
        #expect(scrubbed("ab31129956715cd") == "abfnr:<31129956715>cd")
        #expect(scrubbed("31129956715,41010199946") == "fnr:<31129956715>,fnr:<41010199946>")
        #expect(scrubbed("æ31129956715ø") == "æfnr:<31129956715>ø")
    }

    @Test func leavesEverythingElseAlone() {
        for text in [
            "/api/v1/systemuser/byexternalref/abc/312345676/ref",  // organisation number
            "party=urn:altinn:organization:identifier-no:313999998",
            "0192:991825827",
            "/instances/50015641/2a0c2a0c-1b1b-4c4c-8d8d-0e0e0e0e0e0e",  // party ID and UUID
            "/x/311299567150",  // twelve digits
            "/x/931129956715",  // a valid number inside a longer run
            "/x/3112995671",  // ten digits
            "/x/12345678910",  // wrong control digit
            "/x/31129956715%35",  // twelve digits once the escape is read
            "",
            "short",
            "/dialogporten/api/v1/enduser/dialogs?updatedAfter=2026-11-24T06:00:00.810Z",
        ] {
            #expect(scrubbed(text) == text)
        }
    }
}
