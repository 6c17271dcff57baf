#!/usr/bin/env python3
"""Prints a Maskinporten-style RS256 bearer token signed with the committed test-only issuer key.

Usage: Benchmarks/mint-token.py [SUPPLIER_ORGNR] [CLIENT_ID]
The key is Tests/Fixtures/keys/test-issuer.private.jwks.json, whose public half is Config/keys/test-issuer.jwks.json:
a Portvakt whose `identity.jwks` lists that file and whose `identity.issuers` has https://test.maskinporten.no/
accepts the token. Needs Python's `cryptography` package (pip install cryptography).
"""
import base64
import json
import pathlib
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url_decode(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


root = pathlib.Path(__file__).resolve().parent.parent
keys = json.loads((root / "Tests/Fixtures/keys/test-issuer.private.jwks.json").read_text())["keys"]
jwk = next(key for key in keys if key["kty"] == "RSA")
n, e, d, p, q = (b64url_decode(jwk[name]) for name in ("n", "e", "d", "p", "q"))
private_key = rsa.RSAPrivateNumbers(
    p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q), rsa.RSAPublicNumbers(e, n)
).private_key()

supplier = sys.argv[1] if len(sys.argv) > 1 else "312345676"
client_id = sys.argv[2] if len(sys.argv) > 2 else "5c1b0a4e-7d9f-4d8e-9a61-2f3c4b5a6d7e"
header = {"alg": "RS256", "kid": jwk["kid"], "typ": "JWT"}
claims = {
    "iss": "https://test.maskinporten.no/", "client_amr": "private_key_jwt", "token_type": "Bearer",
    "scope": "digdir:dialogporten altinn:broker.read", "client_id": client_id,
    "consumer": {"authority": "iso6523-actorid-upis", "ID": f"0192:{supplier}"},
    "iat": 1764000000, "exp": 2000000000, "jti": "portvakt-bench",
}
signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
signature = private_key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
print(f"{signing_input}.{b64url(signature)}")
