extension PortvaktConfiguration {
    /// The JSON Lines access log (contract §4) and its rotation by size.
    public struct AccessLog: Sendable, Equatable {
        public var enabled: Bool
        public var path: String
        /// Key of the HMAC that turns identity numbers into stable pseudonyms (contract §6).
        public var pseudonymKey: String
        /// Bytes after which the file is rotated.
        public var maxSize: Int
        /// Rotated files kept besides the current one.
        public var keep: Int

        public init(enabled: Bool, path: String, pseudonymKey: String, maxSize: Int, keep: Int) {
            self.enabled = enabled
            self.path = path
            self.pseudonymKey = pseudonymKey
            self.maxSize = maxSize
            self.keep = keep
        }

        public static let `default` = AccessLog(
            enabled: true, path: "var/access.jsonl", pseudonymKey: "change-me", maxSize: 100 << 20, keep: 10)
    }
}

extension PortvaktConfiguration.AccessLog {
    init(reading section: SectionReader) {
        let d = Self.default
        self.init(
            enabled: section.scalar("enabled", .boolean) ?? d.enabled,
            path: section.scalar("path", .text) ?? d.path,
            pseudonymKey: section.scalar("pseudonym_key", .text) ?? d.pseudonymKey,
            maxSize: section.scalar("max_size", .byteSize) ?? d.maxSize,
            keep: section.scalar("keep", .integer(atLeast: 0)) ?? d.keep)
    }
}
