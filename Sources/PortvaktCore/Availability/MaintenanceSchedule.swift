/// Planned maintenance windows (terms §1.2.6, §3.1): while a product's window is open, its requests are
/// answered 503 with `Retry-After` at the window's end, and nothing reaches upstream. Pure: time is passed in.
public struct MaintenanceSchedule: Sendable, Equatable {
    public struct Window: Sendable, Equatable {
        public var product: Product
        /// Start, inclusive, and end, exclusive, in Unix nanoseconds.
        public var from: Int64
        public var until: Int64

        public init(product: Product, from: Int64, until: Int64) {
            self.product = product
            self.from = from
            self.until = until
        }
    }

    public let windows: [Window]

    public init(_ windows: [Window] = []) {
        self.windows = windows
    }

    /// When the window `product` is in at `now` ends; nil when it is in none.
    public func end(for product: Product, at now: Int64) -> Int64? {
        windows.first { $0.product == product && $0.from <= now && now < $0.until }?.until
    }
}
