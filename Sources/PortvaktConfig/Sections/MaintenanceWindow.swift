extension PortvaktConfiguration {
    /// A planned window in which a product's requests get 503 and `Retry-After` without reaching upstream.
    public struct MaintenanceWindow: Sendable, Equatable {
        /// One of `PortvaktConfiguration.productNames`.
        public var product: String
        /// Start, inclusive, in nanoseconds since 1970-01-01T00:00:00Z.
        public var fromNanoseconds: Int64
        /// End, exclusive, in nanoseconds since 1970-01-01T00:00:00Z.
        public var untilNanoseconds: Int64

        public init(product: String, fromNanoseconds: Int64, untilNanoseconds: Int64) {
            self.product = product
            self.fromNanoseconds = fromNanoseconds
            self.untilNanoseconds = untilNanoseconds
        }

        public func contains(nanoseconds: Int64) -> Bool {
            fromNanoseconds <= nanoseconds && nanoseconds < untilNanoseconds
        }

        func overlaps(_ other: Self) -> Bool {
            product == other.product && fromNanoseconds < other.untilNanoseconds
                && other.fromNanoseconds < untilNanoseconds
        }
    }
}

extension PortvaktConfiguration.MaintenanceWindow {
    init?(reading section: SectionReader) {
        let product = section.required("product", .product)
        let from = section.required("from", .timestamp)
        let until = section.required("until", .timestamp)
        guard let product, let from, let until else { return nil }
        guard from < until else {
            section.report("maintenance window must end ('until') after it starts ('from')", at: "until")
            return nil
        }
        self.init(product: product, fromNanoseconds: from, untilNanoseconds: until)
    }

    /// The `maintenance` list; a window overlapping an earlier one of the same product is reported where it starts.
    static func readAll(from root: SectionReader) -> [Self]? {
        var earlier: [(window: Self, line: Int)] = []
        return root.list("maintenance") { item in
            guard let window = Self(reading: item) else { return nil }
            if let clash = earlier.first(where: { $0.window.overlaps(window) }) {
                item.log.report(
                    "maintenance window for \(window.product) overlaps the one on line \(clash.line)", at: item.mark)
            }
            earlier.append((window, item.mark?.line ?? 1))
            return window
        }
    }
}
