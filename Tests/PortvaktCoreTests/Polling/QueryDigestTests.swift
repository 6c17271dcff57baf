import Testing

@testable import PortvaktCore

@Suite struct QueryDigestTests {
    private let hasher = ByteHashing(salt: 3)

    private func digest(_ target: [UInt8]) -> (pathEnd: Int, parameterSum: UInt64) {
        target.withUnsafeBufferPointer { target in
            let digest = QueryDigest(of: target, hasher: hasher)
            return (digest.pathEnd, digest.parameterSum)
        }
    }

    /// The definition, one separator search at a time: the path ends at the first `?`; after it, each
    /// non-empty `&`-separated parameter whose name (up to its first `=`) and value are no time or cursor
    /// parameter adds its hash.
    private func expected(_ target: [UInt8]) -> (pathEnd: Int, parameterSum: UInt64) {
        guard let question = target.firstIndex(of: UInt8(ascii: "?")) else { return (target.count, 0) }
        var sum: UInt64 = 0
        for parameter in target[(question + 1)...].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        {
            let parameter = Array(parameter)
            let equals = parameter.firstIndex(of: UInt8(ascii: "=")) ?? parameter.count
            parameter.withUnsafeBufferPointer { bytes in
                let name = UnsafeBufferPointer(rebasing: bytes[..<equals])
                let value = UnsafeBufferPointer(rebasing: bytes[min(equals + 1, bytes.count)...])
                if !CursorParameters.isCursor(name: name, value: value) {
                    sum &+= hasher.separateHash(of: bytes, salt: QueryDigest.salt)
                }
            }
        }
        return (question, sum)
    }

    /// Separators on both sides of every sixteen-byte boundary, in targets of every length up to 80 (shorter
    /// than one block, whole blocks, and every tail), among path bytes and dates, so each of the scan's ways
    /// of reading a block is met with hits in it.
    @Test func aScanAgreesWithTheDefinitionOnManyTargets() {
        let pieces: [[UInt8]] = ["a", "b", "/", "?", "&", "=", "to", "2026-11-24", "page=2", "=?"].map {
            Array($0.utf8)
        }
        var random = SeededGenerator(state: 7)
        for length in 0...80 {
            for _ in 0..<40 {
                var target: [UInt8] = []
                while target.count < length { target += pieces[Int(random.next() % UInt64(pieces.count))] }
                target = Array(target.prefix(length))
                let (pathEnd, sum) = digest(target)
                let reference = expected(target)
                #expect(pathEnd == reference.pathEnd, "\(String(decoding: target, as: UTF8.self))")
                #expect(sum == reference.parameterSum, "\(String(decoding: target, as: UTF8.self))")
            }
        }
    }

    @Test func aTargetWithoutQueryIsAllPath() {
        #expect(digest(Array("/dialogporten/api/v1/enduser/dialogs".utf8)) == (36, 0))
        #expect(digest([]) == (0, 0))
    }
}
