/// Norwegian national identity numbers as ALTINN.md §6 describes them: the fødselsnummer, the D-number and the
/// synthetic test numbers, all personal data that must never reach a log (contract §6).
///
/// Eleven digits `ddmmyy iii k1 k2`:
/// - day 01–31, or 41–71 for a D-number (+40);
/// - month 01–12, 41–52 for NAV/Dolly test numbers and H-numbers (+40), 81–92 for Tenor's synthetic ones (+80);
/// - `k1`: the weights `3 7 6 1 8 9 4 5 2` over the first nine digits plus `k1` leave a remainder of 0 to 3
///   modulo 11 (0 only before 2032; 1–3 are the numbers issued from 2032, already valid in Skatteetaten's
///   reference validator);
/// - `k2`: the weights `5 4 3 2 7 6 5 4 3 2` over the first ten digits plus `k2` leave a remainder of 0.
///
/// The day is not checked against the month's length: a redaction should rather catch a 31 February than miss
/// a real number.
public enum NationalIdentityNumber {
    public static let length = 11

    /// Whether `ascii` is exactly eleven ASCII digits that form an identity number.
    public static func isValid(_ ascii: some Collection<UInt8>) -> Bool {
        guard ascii.count == length else { return false }
        var day = 0
        var month = 0
        // Each sum takes its control digit with weight 1, so a valid number leaves the remainders above.
        var firstControlSum = 0
        var secondControlSum = 0
        for (position, byte) in ascii.enumerated() {
            let digit = Int(byte &- UInt8(ascii: "0"))
            guard digit < 10 else { return false }
            if position < 2 { day = day * 10 + digit } else if position < 4 { month = month * 10 + digit }
            firstControlSum += firstControlWeights[position] * digit
            secondControlSum += secondControlWeights[position] * digit
        }
        let isDay = (1...31).contains(day) || (41...71).contains(day)
        let isMonth = (1...12).contains(month) || (41...52).contains(month) || (81...92).contains(month)
        return isDay && isMonth && firstControlSum % 11 <= 3 && secondControlSum % 11 == 0
    }

    /// Whether `text` is an identity number, nothing before or after it.
    public static func isValid(_ text: String) -> Bool {
        isValid(text.utf8)
    }

    private static let firstControlWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1, 0]
    private static let secondControlWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
}
