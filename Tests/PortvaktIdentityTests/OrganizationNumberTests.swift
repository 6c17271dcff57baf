import Testing

@testable import PortvaktIdentity

@Suite struct OrganizationNumberTests {
    @Test(arguments: ["991825827", "312345676", "313999998", "314240979", "123456785"])
    func validNumbersPassBareAndWithTheISO6523Prefix(number: String) {
        #expect(OrganizationNumber.parse(number) == number)
        #expect(OrganizationNumber.parse("0192:" + number) == number)
    }

    @Test(arguments: ["123456789", "987654321", "31234567", "3123456760", "31234567a", "", "0192:", "٣١٢٣٤٥٦٧٦"])
    func invalidNumbersAreRefused(number: String) {
        #expect(OrganizationNumber.parse(number) == nil)
    }
}
