import Testing

@testable import PortvaktCore

@Suite struct FirstReadsTests {
    private func key(_ path: String) -> PollingSeriesKey {
        PollingSeriesKey(supplier: "312345676", customer: nil, method: .get, host: nil, target: path)
    }

    private func read(_ time: Int64, digest: UInt64? = 7) -> FirstReads.Read {
        FirstReads.Read(time: time, notModified: digest == nil, digest: digest)
    }

    @Test func aReadIsTakenOnce() {
        var reads = FirstReads(capacity: 4)
        reads.insert(read(1), for: key("/a"))
        reads.insert(read(2, digest: nil), for: key("/b"))
        #expect(reads.count == 2)
        #expect(reads.take(key("/b")) == read(2, digest: nil))
        #expect(reads.take(key("/a")) == read(1))
        #expect(reads.take(key("/a")) == nil)
        #expect(reads.count == 0)
    }

    @Test func aFullRingForgetsTheOldestReadAndATakenOneLeavesRoom() {
        var reads = FirstReads(capacity: 3)
        for (time, path) in ["/a", "/b", "/c", "/d"].enumerated() { reads.insert(read(Int64(time)), for: key(path)) }
        #expect(reads.count == 3)
        #expect(reads.take(key("/a")) == nil)
        #expect(reads.take(key("/b")) == read(1))
        // The next read goes where /b was: nothing is forgotten for it.
        reads.insert(read(4), for: key("/e"))
        #expect(reads.take(key("/c")) == read(2))
        #expect(reads.take(key("/d")) == read(3))
        #expect(reads.take(key("/e")) == read(4))
    }

    /// Many reads through a small index (its probe runs shift back on every removal), against a model: a read
    /// is held until it is taken or `capacity` more have been inserted after it.
    @Test func aChurningRingHoldsExactlyTheReadsOfTheModel() {
        let capacity = 7
        var reads = FirstReads(capacity: capacity)
        var held: [String: (number: Int, time: Int64)] = [:]
        var inserted = 0
        var generator = SystemRandomNumberGenerator()
        for time in Int64(0)..<3000 {
            let path = "/\(Int.random(in: 0..<20, using: &generator))"
            let taken = reads.take(key(path))
            #expect(taken == held[path].map { read($0.time) })
            if taken != nil {
                held[path] = nil
            } else {
                held = held.filter { $0.value.number > inserted - capacity }
                reads.insert(read(time), for: key(path))
                held[path] = (inserted, time)
                inserted += 1
            }
            #expect(reads.count == held.count)
        }
    }

    @Test func aReadTakesAtMost64Bytes() {
        #expect(FirstReads.bytesPerRead <= 64)
    }
}
