extension PortvaktConfiguration {
    /// TLS on the proxy listener: suppliers connect over HTTPS. PEM files.
    public struct TLS: Sendable, Equatable {
        /// The certificate chain, leaf first.
        public var certificate: String
        public var key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }
}

extension PortvaktConfiguration.TLS {
    init?(reading section: SectionReader) {
        let certificate = section.filePath("cert", required: true)
        let key = section.filePath("key", required: true)
        guard let certificate, let key else { return nil }
        self.init(certificate: certificate, key: key)
    }
}
