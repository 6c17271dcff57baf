import PortvaktCore
import Testing

@Suite struct RequestMethodTests {
    @Test(arguments: [
        ("GET", RequestMethod.get), ("HEAD", .head), ("POST", .post), ("PUT", .put), ("PATCH", .patch),
        ("DELETE", .delete), ("OPTIONS", .options),
    ])
    func parsesAndNamesEveryKnownMethod(token: String, method: RequestMethod) {
        #expect(RequestMethod(token) == method)
        #expect(RequestMethod(token[...]) == method)
        #expect(method.name == token)
    }

    @Test(arguments: ["get", "Get", "TRACE", "CONNECT", "PROPFIND", "", "GETX"])
    func everythingElseIsOther(token: String) {
        #expect(RequestMethod(token) == .other)
    }
}
