import PortvaktCore

extension AccessLogRecord {
    /// The keys of a line, in the order `appendJSONLine` writes them. `replay` reads a line in this order the
    /// fastest.
    public static let jsonLineKeys = [
        "time", "request_id", "supplier", "customer", "client_id", "method", "host", "path", "product", "route",
        "status", "decision", "rule", "bytes_in", "bytes_out", "duration_ms", "response_digest", "browser_like",
    ]

    /// Appends the record as one JSON Lines line, fields in the order of CONTRACT.md §4 and
    /// then `browser_like`, ending in `\n`.
    public func appendJSONLine(to buffer: inout [UInt8]) {
        buffer.appendASCII("{\"time\":\"")
        buffer.appendRFC3339(nanosecondsSinceEpoch: time)
        buffer.appendASCII("\",\"request_id\":")
        buffer.appendJSONString(requestID)
        buffer.appendASCII(",\"supplier\":")
        buffer.appendJSONString(orNull: supplier)
        buffer.appendASCII(",\"customer\":")
        buffer.appendJSONString(orNull: customer)
        buffer.appendASCII(",\"client_id\":")
        buffer.appendJSONString(orNull: clientID)
        buffer.appendASCII(",\"method\":")
        buffer.appendJSONString(method)
        buffer.appendASCII(",\"host\":")
        buffer.appendJSONString(host)
        buffer.appendASCII(",\"path\":")
        buffer.appendJSONString(path)
        buffer.appendASCII(",\"product\":")
        buffer.appendJSONString(product.rawValue)
        buffer.appendASCII(",\"route\":")
        buffer.appendJSONString(route)
        buffer.appendASCII(",\"status\":")
        buffer.appendDecimal(status)
        buffer.appendASCII(",\"decision\":")
        buffer.appendJSONString(decision.rawValue)
        buffer.appendASCII(",\"rule\":")
        buffer.appendJSONString(orNull: rule)
        buffer.appendASCII(",\"bytes_in\":")
        buffer.appendDecimal(bytesIn)
        buffer.appendASCII(",\"bytes_out\":")
        buffer.appendDecimal(bytesOut)
        buffer.appendASCII(",\"duration_ms\":")
        buffer.appendDecimal(roundingToThousandths: durationMilliseconds)
        buffer.appendASCII(",\"response_digest\":")
        buffer.appendJSONString(orNull: responseDigest)
        buffer.appendASCII(isBrowserLike ? ",\"browser_like\":true}\n" : ",\"browser_like\":false}\n")
    }
}
