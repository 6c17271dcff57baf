/// Whether a request looks like a browser loading a page rather than an API client: browsers ask for HTML
/// when they navigate (`Accept: text/html,…`) and say so in their fetch metadata (`Sec-Fetch-Mode: navigate`,
/// `Sec-Fetch-Dest: document`). API clients ask for JSON or anything (`*/*`). The User-Agent is not looked
/// at: scrapers copy browsers' and integrations leave the default of their HTTP library.
public enum BrowserLikeRequest {
    /// Judges the request's `Accept`, `Sec-Fetch-Mode` and `Sec-Fetch-Dest` values (nil when absent).
    public static func isBrowserLike(accept: String?, fetchMode: String?, fetchDestination: String?) -> Bool {
        if let fetchMode, fetchMode.lowercased() == "navigate" { return true }
        if let fetchDestination, ["document", "iframe", "frame"].contains(fetchDestination.lowercased()) {
            return true
        }
        guard let accept else { return false }
        return accept.split(separator: ",").contains { mediaRange in
            let parameters = mediaRange.split(separator: ";")
            guard let type = parameters.first?.trimmed.lowercased(),
                type == "text/html" || type == "application/xhtml+xml"
            else { return false }
            // `text/html;q=0` declines HTML.
            let weight = parameters.dropFirst().first { $0.trimmed.lowercased().hasPrefix("q=") }
            return weight.map { (Double($0.trimmed.dropFirst(2)) ?? 1) > 0 } ?? true
        }
    }
}

extension Substring {
    fileprivate var trimmed: Substring {
        var trimmed = self
        while trimmed.first == " " || trimmed.first == "\t" { trimmed.removeFirst() }
        while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
        return trimmed
    }
}
