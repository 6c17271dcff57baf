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
        let certificate = section.required("cert", .text)
        let key = section.required("key", .text)
        guard let certificate, let key else { return nil }
        self.init(certificate: certificate, key: key)
    }
}
