import Synchronization

/// Request identifiers for the access log: a random per-process prefix and a counter, unique and cheap.
enum RequestID {
    private static let prefix = String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16)
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        let number = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
        return Self.prefix + "-" + String(number, radix: 16)
    }
}
