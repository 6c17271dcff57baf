extension PortvaktConfiguration {
    /// The admin listener: admin API, `/metrics`, `/healthz`.
    public struct Admin: Sendable, Equatable {
        public var listen: HostPort
        /// Bearer token for `/admin/*`.
        public var token: Token

        /// The token itself (`token:`) or a file holding it (`token_file:`), read by the server at start and reload.
        public enum Token: Sendable, Equatable {
            case inline(String)
            case file(path: String)
        }

        public init(listen: HostPort, token: Token) {
            self.listen = listen
            self.token = token
        }

        public static let `default` = Admin(
            listen: HostPort(host: "127.0.0.1", port: 9090), token: .inline("change-me"))
    }
}

extension PortvaktConfiguration.Admin {
    init(reading section: SectionReader) {
        let inline = section.scalar("token", .text)
        let file = section.filePath("token_file")
        if inline != nil, file != nil {
            section.report("give either token or token_file, not both", at: "token_file")
        }
        self.init(
            listen: section.scalar("listen", .hostPort) ?? Self.default.listen,
            token: file.map { .file(path: $0) } ?? inline.map { .inline($0) } ?? Self.default.token)
    }
}
