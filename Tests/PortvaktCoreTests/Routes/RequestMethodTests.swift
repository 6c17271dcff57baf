import PortvaktCore
import Testing

@Suite struct RequestMethodTests {
    @Test(arguments: [
        ("GET", RequestMethod.get), ("HEAD", .head), ("POST", .post), ("PUT", .put), ("PATCH", .patch),
        ("DELETE", .delete), ("OPTIONS", .options),
    ])
    func parsesAndNamesEveryKnownMethod(token: String, method: RequestMethod) {
        #expect(RequestMethod(token) == method)
        #expect(method.name == token)
    }

    /// Lower case, near misses of every length the known tokens have, a token longer than a word, and one
    /// with a zero byte (which a word of fewer bytes would read as the same).
    @Test(arguments: [
        "get", "Get", "TRACE", "CONNECT", "PROPFIND", "", "GETX", "GE", "HEAF", "PATCHES", "OPTIONSX", "GET\0",
    ])
    func everythingElseIsOther(token: String) {
        #expect(RequestMethod(token) == .other)
    }
}
