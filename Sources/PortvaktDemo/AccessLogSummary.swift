import Foundation

/// What went through, read back from the access log: requests and bytes per product, route and status.
struct AccessLogSummary {
    private struct Key: Hashable, Comparable {
        let product: String
        let route: String
        let status: Int

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.product, lhs.route, lhs.status) < (rhs.product, rhs.route, rhs.status)
        }
    }

    let lines: [String]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var requests: [Key: Int] = [:]
        var bytes: [Key: Int] = [:]
        var total = 0
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                continue
            }
            let key = Key(
                product: object["product"] as? String ?? "?",
                route: object["route"] as? String ?? "?",
                status: object["status"] as? Int ?? 0
            )
            requests[key, default: 0] += 1
            bytes[key, default: 0] += (object["bytes_in"] as? Int ?? 0) + (object["bytes_out"] as? Int ?? 0)
            total += 1
        }
        var lines = ["The access log recorded \(total) requests:"]
        lines.append("  \("product".padded(to: 15)) \("route".padded(to: 48)) status  requests  bytes")
        for key in requests.keys.sorted() {
            let counts = String(format: "%6d  %8d", key.status, requests[key]!)
            lines.append(
                "  \(key.product.padded(to: 15)) \(key.route.padded(to: 48)) \(counts)  \(RequestPrinter.size(bytes[key]!))"
            )
        }
        self.lines = lines
    }
}
