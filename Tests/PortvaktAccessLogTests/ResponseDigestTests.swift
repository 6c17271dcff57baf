import Crypto
import PortvaktAccessLog
import Testing

@Suite struct ResponseDigestTests {
    private func digest(etag: String?, chunks: [[UInt8]]) -> String? {
        var digest = ResponseDigest(etag: etag)
        for chunk in chunks { chunk.withUnsafeBytes { digest.update($0) } }
        return digest.finish()
    }

    @Test func theETagWinsWhenThereIsOne() {
        #expect(
            digest(etag: "0194f3a2-7b1c-7d2e-8f3a-4b5c6d7e8f90", chunks: [Array("body".utf8)])
                == "0194f3a2-7b1c-7d2e-8f3a-4b5c6d7e8f90")
        #expect(digest(etag: #"W/"abc""#, chunks: []) == #"W/"abc""#)
    }

    @Test func otherwiseTheBodysSHA256InHex() {
        let sha256OfTest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        #expect(digest(etag: nil, chunks: [Array("test".utf8)]) == sha256OfTest)
        #expect(digest(etag: "", chunks: [Array("te".utf8), [], Array("st".utf8)]) == sha256OfTest)
        #expect(
            digest(etag: nil, chunks: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
    }

    @Test func bodiesUpToOneMebibyteAreHashedLargerOnesAreNot() {
        let limit = ResponseDigest.maximumHashedBodySize
        #expect(limit == 1_048_576)
        let body = (0..<limit).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let expected = SHA256.hash(data: body).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(digest(etag: nil, chunks: [Array(body[..<1000]), Array(body[1000...])]) == expected)
        #expect(digest(etag: nil, chunks: [body, [0]]) == nil)
        #expect(digest(etag: "v1", chunks: [body, body]) == "v1")
    }
}
