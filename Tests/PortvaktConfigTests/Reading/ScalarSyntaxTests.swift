import Testing

@testable import PortvaktConfig

@Suite struct ScalarSyntaxTests {
    /// The value, or the message of the failure.
    private func read<Value>(_ syntax: ScalarSyntax<Value>, _ text: String) -> Result<Value, Objection> {
        syntax.read(text)
    }

    /// The problem message for `text`, or nil when the syntax takes it.
    private func message<Value>(_ syntax: ScalarSyntax<Value>, _ text: String) -> String? {
        if case .failure(let objection) = syntax.read(text) { syntax.problem(reading: text, objection) } else { nil }
    }

    @Test func explainsWhatEachValueShouldLookLike() {
        #expect(message(.rate, "fast") == "invalid rate 'fast': a rate looks like 120/60s or 2/s")
        #expect(
            message(.duration, "soon") == "invalid duration 'soon': a duration looks like 500ms, 30s, 10m, 24h or 7d")
        #expect(message(.duration, "0s") == "invalid duration '0s': must be above zero")
        #expect(message(.byteSize, "big") == "invalid size 'big': a size looks like 512KiB, 100MiB or 1GiB")
        #expect(message(.byteSize, "0KiB") == "invalid size '0KiB': must be above zero")
        #expect(message(.boolean, "yes") == "invalid boolean 'yes': write true or false")
        #expect(message(.integer(atLeast: 1), "x") == "invalid number 'x': expected a whole number")
        #expect(message(.integer(atLeast: 1), "0") == "invalid number '0': must be at least 1")
        #expect(message(.integer(in: 0...256), "257") == "invalid number '257': must be from 0 to 256")
        #expect(message(.fraction(0...1), "1.5") == "invalid number '1.5': must be from 0 to 1")
        #expect(
            message(.fraction(0...1, aboveLowerBound: true), "0") == "invalid number '0': must be above 0 and at most 1"
        )
        #expect(message(.text, "") == "invalid text '': must not be empty")
        #expect(
            message(.hostPort, "8080")
                == "invalid address '8080': expected HOST:PORT such as 127.0.0.1:8080, [::1]:8080 or localhost:8080")
    }

    @Test func suggestsTheNearestChoice() {
        #expect(
            message(.oneOf(PortvaktConfiguration.LimitRule.KeyKind.self, noun: "key kind"), "suplier")
                == "invalid key kind 'suplier': expected one of supplier, client_id, customer, supplier+customer, ip"
                + " (did you mean 'supplier'?)")
        #expect(message(.product, "dialogport")?.hasSuffix("(did you mean 'dialogporten'?)") == true)
        #expect(message(.product, "teapot")?.hasSuffix("authentication, unknown") == true)
    }

    @Test func readsEnumsByRawValue() throws {
        let kind = try read(.oneOf(PortvaktConfiguration.LimitRule.KeyKind.self, noun: "key kind"), "supplier+customer")
            .get()
        #expect(kind == .supplierAndCustomer)
    }

    @Test func readsBooleansOnlyAsTrueOrFalse() throws {
        #expect(try read(.boolean, "true").get() == true)
        #expect(try read(.boolean, "False").get() == false)
        #expect(message(.boolean, "on") != nil)
    }

    @Test func readsFractions() throws {
        #expect(try read(.fraction(0...1), "0.7").get() == 0.7)
        #expect(try read(.fraction(0...1), "1").get() == 1)
        #expect(try read(.fraction(0...1), "0").get() == 0)
        #expect(message(.fraction(0...1), "-0.1") == "invalid number '-0.1': expected a decimal number such as 0.25")
        #expect(message(.fraction(0...1), "nan") != nil)
    }

    @Test func readsBaseURLsWithoutTrailingSlash() throws {
        #expect(try read(.baseURL(), "https://platform.tt02.altinn.no/").get() == "https://platform.tt02.altinn.no")
        #expect(try read(.baseURL(), "HTTP://127.0.0.1:8081").get() == "HTTP://127.0.0.1:8081")
        #expect(try read(.baseURL(placeholder: "{org}"), "https://{org}.apps.x").get() == "https://{org}.apps.x")
        #expect(message(.baseURL(), "ftp://x") == "invalid URL 'ftp://x': expected http:// or https:// and a host")
        #expect(message(.baseURL(), "https:///path") != nil)
        #expect(message(.baseURL(), "platform.altinn.no") != nil)
        #expect(message(.baseURL(placeholder: "{org}"), "https://x") == "invalid URL 'https://x': must contain {org}")
    }

    @Test func readsMethodsRuleNamesAndSuppliers() throws {
        #expect(try read(.httpMethod, "patch").get() == "PATCH")
        #expect(message(.httpMethod, "GET /") != nil)
        #expect(try read(.ruleName, "broker-search_2.v1").get() == "broker-search_2.v1")
        #expect(
            message(.ruleName, "a \"quoted\" name")
                == "invalid rule name 'a \"quoted\" name': use letters, digits, '.', '_' and '-'")
        #expect(try read(.supplier, "312345676").get() == "312345676")
        #expect(try read(.supplier, "anonymous").get() == "anonymous")
        #expect(message(.supplier, "31234567") != nil)
    }
}
