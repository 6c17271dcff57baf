import PortvaktAccessLog
import PortvaktCore
import Testing

@testable import PortvaktReplay

@Suite struct CaseNamesTests {
    private func value<Case>(_ text: String, in names: CaseNames<Case>) -> Case? {
        Array(text.utf8).withUnsafeBufferPointer { names.value(of: $0) }
    }

    @Test func everyCaseIsFoundByItsRawValueAndNothingElseIs() {
        let products = CaseNames<Product>()
        for product in Product.allCases { #expect(value(product.rawValue, in: products) == product) }
        let decisions = CaseNames<Decision>()
        for decision in Decision.allCases { #expect(value(decision.rawValue, in: decisions) == decision) }
        for text in ["", "apps ", "Apps", "app", "dialogportem", "authenticationx", "allowed\0", "shadowx"] {
            #expect(value(text, in: products) == nil, "\(text)")
            #expect(value(text, in: decisions) == nil, "\(text)")
        }
    }

    /// Texts of up to sixteen bytes, each of `a`s with at most one other byte at its start, middle or end: two
    /// pack alike exactly when they are equal.
    @Test func shortTextsPackAlikeExactlyWhenEqual() {
        var texts: Set<[UInt8]> = []
        for count in 0...16 {
            texts.insert(Array(repeating: UInt8(ascii: "a"), count: count))
            for position in Set([0, count / 2, count - 1]) where (0..<count).contains(position) {
                for other in [UInt8(ascii: "b"), 0] {
                    var text = Array(repeating: UInt8(ascii: "a"), count: count)
                    text[position] = other
                    texts.insert(text)
                }
            }
        }
        for first in texts {
            for second in texts {
                let packed = [first, second].map { text in text.withUnsafeBufferPointer { ShortText($0) } }
                #expect((packed[0] == packed[1]) == (first == second), "\(first) \(second)")
            }
        }
        #expect(Array(repeating: UInt8(97), count: 17).withUnsafeBufferPointer { ShortText($0) } == nil)
    }
}
