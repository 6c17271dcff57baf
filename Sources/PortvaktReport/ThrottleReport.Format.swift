extension ThrottleReport {
    /// The four renderings by the names `--format` and `?format=` take (CONTRACT.md §1, §7), with the media
    /// type an HTTP answer carrying each declares: one switch for `replay`, `report` and `GET /admin/report`.
    public enum Format: String, Sendable, CaseIterable {
        case json, text, csv, html

        public func render(_ report: ThrottleReport) -> String {
            switch self {
            case .json: report.jsonText
            case .text: report.text
            case .csv: report.csvText
            case .html: report.html
            }
        }

        public var mediaType: String {
            switch self {
            case .json: "application/json"
            case .text: "text/plain; charset=utf-8"
            case .csv: "text/csv; charset=utf-8; header=present"
            case .html: "text/html; charset=utf-8"
            }
        }
    }
}
