import NIOSSL
import PortvaktConfig

/// The TLS context of the proxy listener, from the configured PEM files (TLS 1.2 and later, NIOSSL's
/// defaults for ciphers). Loading it is how `check-config` and `serve` find a bad certificate or key.
public enum ListenerTLS {
    static func context(_ tls: PortvaktConfiguration.TLS) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
        guard !chain.isEmpty else { throw ListenerTLSError(file: tls.certificate, reason: "holds no certificate") }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.key, format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        return try NIOSSLContext(configuration: configuration)
    }

    /// Checks that the files make a usable context; the reason when they do not.
    public static func problem(with tls: PortvaktConfiguration.TLS) -> String? {
        do {
            _ = try context(tls)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

struct ListenerTLSError: Error, CustomStringConvertible {
    var file: String
    var reason: String
    var description: String { "\(file) \(reason)" }
}
