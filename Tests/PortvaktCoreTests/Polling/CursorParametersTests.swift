import Testing

@testable import PortvaktCore

@Suite struct CursorParametersTests {
    private func isCursor(_ parameter: String) -> Bool {
        var bytes = Array(parameter.utf8)
        let equals = bytes.firstIndex(of: UInt8(ascii: "=")) ?? bytes.count
        return bytes.withUnsafeMutableBufferPointer { all in
            let all = UnsafeBufferPointer(all)
            return CursorParameters.isCursor(
                name: UnsafeBufferPointer(rebasing: all[..<equals]),
                value: UnsafeBufferPointer(rebasing: all[min(equals + 1, all.count)...]))
        }
    }

    /// The names the Altinn APIs page and read incrementally with, and the cache busters.
    private static let knownNames = [
        "updatedafter", "updatedbefore", "contentupdatedafter", "contentupdatedbefore", "createdafter",
        "createdbefore", "dueafter", "duebefore", "visibleafter", "visiblebefore", "after", "before", "from", "to",
        "since", "until", "lastchanged", "created", "continuationtoken", "token", "next", "cursor", "page",
        "pagetoken", "offset", "skip", "_", "ts", "timestamp", "nocache", "cachebuster",
    ]

    @Test(arguments: knownNames)
    func everyKnownNameIsSetAsideInAnyCase(name: String) {
        #expect(isCursor("\(name)=x"))
        #expect(isCursor("\(name.uppercased())=x"))
        #expect(isCursor(name))
    }

    @Test func namesEndingInATimeWordAreSetAside() {
        for name in ["modifiedSince", "validUntil", "changedAfter", "sentBEFORE"] { #expect(isCursor("\(name)=1")) }
    }

    @Test func datesAreSetAsideWhateverTheName() {
        #expect(isCursor("validFrom=2026-11-24"))
        #expect(isCursor("x=gt:2026-11-24T00:00:00Z"))
        #expect(isCursor("x=gte%3A2026-11-24"))
    }

    @Test func otherParametersCount() {
        for parameter in [
            "party=urn%3Aaltinn%3Aorganization%3Aidentifier-no%3A313999998", "size=10", "status=Published",
            "resourceId=x", "fro=1", "tos=1", "tokens=1", "pages=1", "after2=1", "x=2026-1-24", "x=abcde:2026-11-24",
            "x=2026-11-2", "x=gt:2026-11-2", "x=2026x11-24", "x=2026-11x24", "x=2026-11-2x", "x=%3A2026-11-24",
            "offer=1", "line=1", "pie=1",
            // The bytes on either side of the digits, `/` and `:`, where a digit should be.
            "x=202:-11-24", "x=/026-11-24", "x=2026-1/-24", "x=2026-11-2:", "x=2026-11-/4",
            // Bytes that differ from a known name's only in bit 5, which the comparison sets on letters.
            "\u{7F}=1", "@fter=1", "t\u{0F}=1", "modified[fter=1", "x\u{12}fter=1",
        ] {
            #expect(!isCursor(parameter), "\(parameter)")
        }
    }
}
