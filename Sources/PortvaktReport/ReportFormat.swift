/// The renderings of a throttle report, by the names `--format` and `?format=` take.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, text, csv, html

    public func render(_ report: ThrottleReport) -> String {
        switch self {
        case .json: report.jsonText
        case .text: report.text
        case .csv: report.csvText
        case .html: report.html
        }
    }

    /// The media type an HTTP answer carries.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .text: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .html: "text/html; charset=utf-8"
        }
    }
}
