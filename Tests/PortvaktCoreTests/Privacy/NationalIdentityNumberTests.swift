import PortvaktCore
import Testing

@Suite struct NationalIdentityNumberTests {
    @Test(arguments: [
        "31129956715",  // fødselsnummer (ALTINN.md §6)
        "02013299997",  // a 2032 number whose first control digit leaves remainder 0
        "30108299920",
        "30108299939",  // 2032 rule: remainder 1
        "01013200072",  // remainder 2
        "01013200080",  // remainder 3
        "41010199946",  // D-number: day + 40
        "03864299708",  // synthetic (Tenor): month + 80
        "11887197158",
        "15054500014",  // month + 40 (NAV/Dolly test numbers, H-numbers)
        "45118500028",  // synthetic D-number: day + 40 and month + 80
        "45878500095",
    ])
    func acceptsTheTestNumbers(_ number: String) {
        #expect(NationalIdentityNumber.isValid(number))
    }

    @Test(arguments: [
        "12345678910",  // second control digit wrong (ALTINN.md §6)
        "31129956716",  // last digit changed
        "31129956705",  // first control digit changed
        "01017000140",  // first control digit leaves remainder 4
        "32017000089",  // day 32 (control digits right)
        "00017000098",  // day 00
        "01137000055",  // month 13
        "01007000037",  // month 00
        "15954500028",  // month 95
    ])
    func rejectsWrongControlDigitsAndDates(_ number: String) {
        #expect(!NationalIdentityNumber.isValid(number))
    }

    @Test func onlyElevenDigitsExactly() {
        #expect(!NationalIdentityNumber.isValid("312345676"))  // an organisation number
        #expect(!NationalIdentityNumber.isValid("311299567150"))
        #expect(!NationalIdentityNumber.isValid("3112995671"))
        #expect(!NationalIdentityNumber.isValid("3112995671a"))
        #expect(!NationalIdentityNumber.isValid(" 31129956715"))
        #expect(!NationalIdentityNumber.isValid(""))
    }
}
