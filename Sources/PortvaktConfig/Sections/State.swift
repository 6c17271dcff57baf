extension PortvaktConfiguration {
    /// Durable state: sanctions, violations, usage.
    public struct State: Sendable, Equatable {
        /// The SQLite database file.
        public var path: String

        public init(path: String) {
            self.path = path
        }

        public static let `default` = State(path: "var/portvakt.sqlite")
    }
}

extension PortvaktConfiguration.State {
    init(reading section: SectionReader) {
        self.init(path: section.scalar("path", .text) ?? Self.default.path)
    }
}
