import Testing

@testable import PortvaktCore

@Suite struct RouteTrieTests {
    private func trie(_ definitions: [RouteDefinition]) -> RouteTrie {
        var trie = RouteTrie()
        for definition in definitions { trie.insert(definition, product: .broker) }
        return trie
    }

    private func match(_ trie: RouteTrie, _ method: RequestMethod, _ path: String) -> String? {
        path.withUTF8Bytes {
            trie.match($0, from: 0, end: $0.pathEndIndex, node: RouteTrie.root, method: method)?.name
        }
    }

    @Test func literalWinsOverParameter() {
        let trie = trie([.init(.get, "/a/{id}", "a.get"), .init(.get, "/a/special", "a.special")])
        #expect(match(trie, .get, "/a/special") == "a.special")
        #expect(match(trie, .get, "/a/other") == "a.get")
    }

    @Test func backtracksToParameterWhenTheLiteralBranchHasNoEndpointForTheMethod() {
        let trie = trie([.init(.post, "/a/upload", "a.upload"), .init(.get, "/a/{id}", "a.get")])
        #expect(match(trie, .post, "/a/upload") == "a.upload")
        #expect(match(trie, .get, "/a/upload") == "a.get")
        #expect(match(trie, .delete, "/a/upload") == nil)
    }

    @Test func headFallsBackToGetOnlyWhereNoHeadIsListed() {
        let trie = trie([
            .init(.get, "/a/{id}", "a.get"), .init(.get, "/b/{id}", "b.get"), .init(.head, "/b/{id}", "b.head"),
        ])
        #expect(match(trie, .head, "/a/1") == "a.get")
        #expect(match(trie, .head, "/b/1") == "b.head")
    }

    @Test func literalsIgnoreASCIICaseAndQueries() {
        let trie = trie([.init(.get, "/Api/byExternalId", "by.id")])
        #expect(match(trie, .get, "/api/byexternalid?x=1") == "by.id")
        #expect(match(trie, .get, "/API/BYEXTERNALID") == "by.id")
        #expect(match(trie, .get, "/api/byexternalid/more") == nil)
        #expect(match(trie, .get, "/api") == nil)
    }

    /// A node's literal children and endpoints are lists through shared arrays: every sibling is reached,
    /// whatever order they were added in, and a segment that is a prefix of another is not mistaken for it.
    @Test func everySiblingIsFound() {
        let names = ["status", "statuses", "stat", "download", "upload"]
        var definitions = names.map { RouteDefinition(.get, "/a/\($0)", "a.\($0)") }
        definitions += [.init(.post, "/a/upload", "a.upload.post"), .init(.get, "/a/{id}", "a.id")]
        let trie = trie(definitions)
        for name in names { #expect(match(trie, .get, "/a/\(name)") == "a.\(name)") }
        #expect(match(trie, .post, "/a/upload") == "a.upload.post")
        #expect(match(trie, .get, "/a/statu") == "a.id")
        #expect(trie.child(of: RouteTrie.root, literal: "a".utf8) != nil)
        #expect(trie.child(of: RouteTrie.root, literal: "b".utf8) == nil)
    }

    @Test func emptySegmentsAndTrailingSlashesAreIgnored() {
        let trie = trie([.init(.get, "/a/{id}/b", "a.b")])
        #expect(match(trie, .get, "//a///7/b/") == "a.b")
        #expect(match(trie, .get, "a/7/b") == "a.b")
    }
}
