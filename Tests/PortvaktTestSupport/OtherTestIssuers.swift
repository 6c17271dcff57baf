import Foundation
import PortvaktSimulation

/// Two token issuers besides the committed test issuer that `Config/keys` trusts, each with an RSA and an EC key
/// of its own (`Tests/Fixtures/keys/other-issuer-N.private.jwks.json`): for a test whose server trusts only the
/// issuer it is given, and for an impostor. Read from files rather than made by `TestTokenIssuer()`, because an
/// RSA-2048 key takes about half a second to generate in a debug build, on one of the test run's two cooperative
/// threads, and a suite's static issuer holds the other one too while it waits for it: a full run generated
/// eleven, and a snapshot of one caught both threads held so.
public enum OtherTestIssuers {
    public static let first = load(1)
    public static let second = load(2)

    private static func load(_ number: Int) -> TestTokenIssuer {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/keys/other-issuer-\(number).private.jwks.json")
        return try! TestTokenIssuer(privateJWKS: Data(contentsOf: file))
    }
}
