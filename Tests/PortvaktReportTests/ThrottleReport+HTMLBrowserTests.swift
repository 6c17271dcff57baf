import Foundation
import PortvaktReport
import PortvaktTestSupport
import Testing

/// The HTML report as a real browser sees it: Debian's Chromium, headless, loads the sample report from disk
/// and its DOM holds the suppliers, the charts and the notices. scripts/test.sh installs Chromium, so CI runs
/// this; without it on PATH the test is skipped. The sample stays at `samplePath` to look at or screenshot
/// (`scripts/screenshot-report.sh`).
@Suite struct ThrottleReportHTMLBrowserTests {
    static let samplePath = "/tmp/portvakt-sample-report.html"

    /// The sample in all four renderings beside each other, to read and compare: `….html`, `.json`, `.csv`, `.txt`.
    @Test func writesTheSampleReport() throws {
        let report = SampleReport.report
        let base = Self.samplePath.dropLast(".html".count)
        for (suffix, text) in [
            ("html", report.html), ("json", report.jsonText), ("csv", report.csvText), ("txt", report.text),
        ] {
            let path = "\(base).\(suffix)"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        }
    }

    @Test(.enabled(if: chromiumPath != nil, "chromium is not on PATH"))
    func chromiumLoadsTheReportWithItsChartsAndNotices() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("portvakt-report-\(UInt32.random(in: 0...UInt32.max)).html").path
        try SampleReport.report.html.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let dom = try await Self.dumpDOM(of: path)
        for supplier in SampleReport.report.suppliers {
            #expect(dom.contains(">\(supplier.supplier)</h2>"))
        }
        #expect(dom.components(separatedBy: "<svg").count - 1 == SampleReport.report.suppliers.count)
        let notices = SampleReport.report.suppliers.flatMap(\.cutoffNotices)
        #expect(notices.count == 2)
        for notice in notices {
            #expect(dom.contains(Self.domEscaped(notice.subject)))
            for line in notice.paragraphs.flatMap({ $0.split(separator: "\n") }) {
                let text = line.hasPrefix("- ") ? line.dropFirst(2) : line
                #expect(dom.contains(Self.domEscaped(String(text))), "\(text)")
            }
        }
    }

    /// The DOM as Chromium serialises it once the page has loaded, waited for off the cooperative pool.
    private static func dumpDOM(of path: String) async throws -> String {
        let chromium = try #require(chromiumPath)
        let (status, data) = try await offThePool {
            let process = try ChildProcess(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--dump-dom",
                    "file://" + path,
                ],
                error: .discard)
            // A browser that never finishes loading must fail the test, not hang the run.
            let watchdog = DispatchWorkItem { process.terminate() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
            let data = process.output
            process.waitUntilExit()
            watchdog.cancel()
            return (process.terminationStatus, data)
        }
        #expect(status == 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// Text as a serialised DOM writes it: only `&`, `<`, `>` and the no-break space escaped.
    private static func domEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{A0}", with: "&nbsp;")
    }
}

/// Chromium as Debian installs it, found on PATH; nil when absent.
private let chromiumPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":")
    .flatMap { directory in ["chromium", "chromium-browser"].map { "\(directory)/\($0)" } }
    .first { FileManager.default.isExecutableFile(atPath: $0) }
