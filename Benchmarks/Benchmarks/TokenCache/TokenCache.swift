import Benchmark
import Foundation
import PortvaktIdentity
import PortvaktSimulation

/// Every proxied request asks who sent it: a cache hit must be cheap, and a full verification (a token's
/// first use on an event loop) bounded.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 100,
        maxDuration: .seconds(2)
    )
    let issuer = try! TestTokenIssuer(rsaKeyID: "bench-rsa", ecKeyID: "bench-ec")
    let verifier = TokenVerifier(
        keys: try! JSONWebKeySet(data: issuer.publicJWKS, source: "bench"), issuers: ["https://maskinporten.no/"],
        pseudonymizer: Pseudonymizer(key: "bench"))
    let claims = """
        {"iss":"https://maskinporten.no/","client_amr":"private_key_jwt","token_type":"Bearer",\
        "scope":"digdir:dialogporten altinn:correspondence.read","client_id":"5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e",\
        "consumer":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},\
        "authorization_details":[{"type":"urn:altinn:systemuser","systemuser_id":["ebe4a681-0a8c-429e-a36f-8f9ca942b59f"],\
        "systemuser_org":{"authority":"iso6523-actorid-upis","ID":"0192:313999998"},\
        "system_id":"312345676_regnskap123"}],"iat":1760000000,"exp":1760000120,"jti":"-SpfU--1Zn_Oqvkp"}
        """
    let now: Int64 = 1_760_000_060

    for algorithm in TestTokenIssuer.Algorithm.allCases {
        let header = "Bearer " + issuer.token(claimsJSON: claims, algorithm: algorithm)
        Benchmark("token cache hit: \(algorithm.rawValue)", configuration: .init(scalingFactor: .kilo)) { benchmark in
            var authenticator = TokenAuthenticator(verifier: verifier)
            _ = authenticator.identify(authorization: header[...], now: now)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(authenticator.identify(authorization: header[...], now: now))
            }
        }
        let token = Substring(header.dropFirst("Bearer ".count))
        Benchmark("token full verification: \(algorithm.rawValue)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(verifier.verify(token, now: now))
            }
        }
    }
}
