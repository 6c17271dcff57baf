import Foundation
import PortvaktAccessLog
import PortvaktCore
import PortvaktTestSupport
import Testing

@Suite struct AccessLogWriterTests {
    private static let scrubber = IdentityNumberScrubber { "fnr:<\($0)>" }

    /// A fresh directory under the system's temporary directory, removed after `body`.
    private func withTemporaryDirectory(_ body: (String) throws -> Void) rethrows {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    private func record(_ index: Int) -> AccessLogRecord {
        AccessLogRecord(
            time: 1_795_500_000_000_000_000 + Int64(index) * 1_000_000,
            requestID: "req-\(index)",
            supplier: index % 3 == 0 ? nil : "312345676",
            customer: index % 2 == 0 ? "313999998" : nil,
            clientID: "5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e",
            method: index % 5 == 0 ? "POST" : "GET",
            host: "platform.tt02.altinn.no",
            path: "/dialogporten/api/v1/enduser/dialogs?search=\"æøå\"\t\(index)",
            product: .dialogporten,
            route: "dialogporten.enduser.dialogs.search",
            status: index % 7 == 0 ? 429 : 200,
            decision: index % 7 == 0 ? .throttled : .allowed,
            rule: index % 7 == 0 ? "dialogporten-default" : nil,
            bytesIn: Int64(index),
            bytesOut: Int64(index) * 1024,
            durationMilliseconds: Double(index) / 8,
            responseDigest: index % 4 == 0 ? nil : "etag-\(index)"
        )
    }

    /// Reads a line back into a record, through Foundation's JSON parser rather than our own code.
    private func decode(_ line: Substring) throws -> AccessLogRecord {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        func string(_ key: String) -> String? { object[key] as? String }
        func number(_ key: String) -> NSNumber { object[key] as! NSNumber }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(formatter.date(from: string("time")!))
        return AccessLogRecord(
            time: Int64((date.timeIntervalSince1970 * 1000).rounded()) * 1_000_000,
            requestID: string("request_id")!,
            supplier: string("supplier"),
            customer: string("customer"),
            clientID: string("client_id"),
            method: string("method")!,
            host: string("host")!,
            path: string("path")!,
            product: Product(rawValue: string("product")!)!,
            route: string("route")!,
            status: number("status").intValue,
            decision: Decision(rawValue: string("decision")!)!,
            rule: string("rule"),
            bytesIn: number("bytes_in").int64Value,
            bytesOut: number("bytes_out").int64Value,
            durationMilliseconds: number("duration_ms").doubleValue,
            responseDigest: string("response_digest")
        )
    }

    @Test(.onOwnThreads) func writesRecordsThatReadBackIdentically() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/var/log/portvakt/access.jsonl"
            let writer = try AccessLogWriter(path: path, scrubber: Self.scrubber)
            let records = (0..<2_000).map(record)
            for record in records { #expect(writer.log(record)) }
            writer.flush()
            #expect(writer.writtenRecords == records.count)
            #expect(writer.droppedRecords == 0)

            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(try lines.map(decode) == records)
            writer.close()
        }
    }

    /// Operators see the writer by name in `top -H` and `perf`.
    @Test func theWriterThreadCarriesItsName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try AccessLogWriter(path: directory + "/access.jsonl", scrubber: Self.scrubber)
        defer { writer.close() }
        #expect(await eventually { threadNames().contains("pv-access-log") })
    }

    @Test func appendsToAnExistingFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/access.jsonl"
            try "earlier line\n".write(toFile: path, atomically: false, encoding: .utf8)
            let writer = try AccessLogWriter(path: path, scrubber: Self.scrubber)
            writer.log(record(1))
            writer.close()
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first == "earlier line")
        }
    }

    @Test func scrubsIdentityNumbersBeforeWriting() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/access.jsonl"
            let writer = try AccessLogWriter(path: path, scrubber: Self.scrubber)
            var logged = record(1)
            logged.path = "/api/v1/parties/31129956715?x=1"
            writer.log(logged)
            writer.close()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(#""path":"/api/v1/parties/fnr:<31129956715>?x=1""#))
        }
    }

    @Test func closeWritesWhatIsQueuedAndDropsWhatComesAfter() throws {
        try withTemporaryDirectory { directory in
            let writer = try AccessLogWriter(path: directory + "/access.jsonl", scrubber: Self.scrubber)
            for index in 0..<100 { writer.log(record(index)) }
            writer.close()
            #expect(writer.writtenRecords == 100)
            #expect(!writer.log(record(100)))
            #expect(writer.droppedRecords == 1)
            writer.close()
        }
    }

    /// The writer blocks in write(2) on a pipe nobody reads, like a stalled disk: the queue must fill and
    /// drop instead of making `log` wait.
    @Test func aFullQueueDropsAndCountsInsteadOfBlocking() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/stalled.fifo"
            try #require(mkfifo(path, 0o600) == 0)
            let reader = open(path, O_RDONLY | O_NONBLOCK)
            try #require(reader >= 0)
            defer { close(reader) }
            let writer = try AccessLogWriter(path: path, capacity: 8, scrubber: Self.scrubber)

            let attempts = 5_000  // about 2 MB of lines against a 64 KiB pipe
            let clock = ContinuousClock()
            var accepted = 0
            let elapsed = clock.measure {
                for index in 0..<attempts where writer.log(record(index)) { accepted += 1 }
            }
            // A writer that waited for room would never return here: nothing reads the pipe.
            #expect(elapsed < .seconds(10))
            #expect(writer.droppedRecords == attempts - accepted)
            #expect(writer.droppedRecords > attempts / 2)

            // Unblock the writer: read the pipe to its end, which comes when close() closes the file.
            _ = fcntl(reader, F_SETFL, 0)
            let drained = DispatchSemaphore(value: 0)
            let lineCount = LineCount()
            Thread {
                var chunk = [UInt8](repeating: 0, count: 65_536)
                while case let count = read(reader, &chunk, chunk.count), count > 0 {
                    lineCount.add(chunk[..<count].count { $0 == UInt8(ascii: "\n") })
                }
                drained.signal()
            }.start()
            writer.close()
            drained.wait()
            #expect(writer.writtenRecords == accepted)
            #expect(lineCount.value == accepted)
        }
    }

    @Test func aFailingWriteIsCountedNotFatal() throws {
        let writer = try AccessLogWriter(path: "/dev/full", scrubber: Self.scrubber)
        for index in 0..<10 { writer.log(record(index)) }
        writer.flush()
        #expect(writer.writtenRecords == 0)
        #expect(writer.failedRecords == 10)
        writer.close()
    }

    @Test func anUnusablePathThrowsAClearError() throws {
        try withTemporaryDirectory { directory in
            let isDirectory = #expect(throws: AccessLogError.self) {
                try AccessLogWriter(path: directory, scrubber: Self.scrubber)
            }
            #expect(isDirectory?.description == "cannot open access log \(directory): Is a directory")
            let file = directory + "/plain-file"
            try "".write(toFile: file, atomically: false, encoding: .utf8)
            let underFile = file + "/logs/access.jsonl"
            let error = #expect(throws: AccessLogError.self) {
                try AccessLogWriter(path: underFile, scrubber: Self.scrubber)
            }
            #expect(
                error?.description
                    == "cannot open access log \(underFile): cannot create directory \(file)/logs: Not a directory")
        }
    }
    /// Rotation by size: the current file never holds much more than one batch past `maxSize`, the newest
    /// rotated file is `.1`, only `keep` are kept, and every line is in exactly one file, whole.
    /// On threads of its own, as the next: thirty waits for the writer's thread (`flush`) would each hold a thread
    /// of the cooperative pool.
    @Test(.onOwnThreads) func rotatesBySizeKeepingTheConfiguredNumberOfFiles() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/access.jsonl"
            let writer = try AccessLogWriter(path: path, scrubber: Self.scrubber, maxSize: 4096, keep: 2)
            for index in 0..<300 {
                writer.log(record(index))
                // Small batches, so that rotation happens between them many times.
                if index % 10 == 9 { writer.flush() }
            }
            writer.close()
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(names == ["access.jsonl", "access.jsonl.1", "access.jsonl.2"])
            var requestIDs: [String] = []
            for name in ["access.jsonl.2", "access.jsonl.1", "access.jsonl"] {
                let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
                let lines = text.split(separator: "\n")
                requestIDs += try lines.map { try decode($0).requestID }
                #expect(text.utf8.count < 4096 + 10 * 400)
            }
            // The oldest files are gone; what is kept is the newest lines, in order, none split.
            #expect(requestIDs == (300 - requestIDs.count..<300).map { "req-\($0)" })
            #expect(requestIDs.count >= 20)
        }
    }

    @Test(.onOwnThreads) func rotationWithoutKeepingStartsTheFileAfresh() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/access.jsonl"
            let writer = try AccessLogWriter(path: path, scrubber: Self.scrubber, maxSize: 1024, keep: 0)
            for index in 0..<50 {
                writer.log(record(index))
                writer.flush()
            }
            writer.close()
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["access.jsonl"])
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            #expect(size < 1024)
        }
    }
}

private final class LineCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ lines: Int) { lock.withLock { count += lines } }
    var value: Int { lock.withLock { count } }

}
