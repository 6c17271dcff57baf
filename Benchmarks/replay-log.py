#!/usr/bin/env python3
"""Writes a realistic Portvakt access log (CONTRACT.md §4) for timing `portvakt replay`.

Usage: replay-log.py LINES OUT [--no-routes] [--seed N]

A day of traffic from eight suppliers and anonymous callers: Dialogporten searches, dialog reads and activity
lists, Broker transfers (initialise, upload, status, details, download, confirm) and Studio app instances, with a
few lines out of order by up to 5 ms, as the proxy's threads write them. --no-routes leaves out `product` and
`route`, so that replay derives them from the catalogue.
"""
import random
import sys
import uuid
from datetime import datetime, timezone

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    lines, out = int(args[0]), args[1]
    with_routes = "--no-routes" not in sys.argv
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)

    suppliers = [str(310000000 + 12345 * i) for i in range(1, 9)] + [None]
    customers = {s: [str(313000000 + rng.randrange(999999)) for _ in range(200)] for s in suppliers}
    clients = {s: [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(2)] for s in suppliers}
    transfers = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(500)]
    dialogs = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(2000)]
    platform = "platform.tt02.altinn.no"

    def dialogporten(customer):
        pick = rng.random()
        if pick < 0.6:
            return ("GET", platform, "/dialogporten/api/v1/enduser/dialogs?party=urn%3Aaltinn%3Aorganization"
                    f"%3Aidentifier-no%3A{customer}&updatedAfter=2026-11-24T00%3A00%3A00Z",
                    "dialogporten", "dialogporten.enduser.dialogs.search")
        if pick < 0.9:
            return ("GET", platform, f"/dialogporten/api/v1/enduser/dialogs/{rng.choice(dialogs)}",
                    "dialogporten", "dialogporten.enduser.dialogs.get")
        return ("GET", platform, f"/dialogporten/api/v1/enduser/dialogs/{rng.choice(dialogs)}/activities",
                "dialogporten", "dialogporten.enduser.activities.list")

    def broker():
        transfer = rng.choice(transfers)
        base = "/broker/api/v1/filetransfer"
        method, path, route = rng.choice([
            ("POST", base, "broker.filetransfer.initialize"),
            ("POST", f"{base}/{transfer}/upload", "broker.filetransfer.upload"),
            ("GET", f"{base}/{transfer}", "broker.filetransfer.status"),
            ("GET", f"{base}/{transfer}/details", "broker.filetransfer.details"),
            ("GET", f"{base}/{transfer}/download", "broker.filetransfer.download"),
            ("POST", f"{base}/{transfer}/confirmdownload", "broker.filetransfer.confirmdownload"),
            ("GET", f"{base}?resourceId=altinn-broker-test&status=Published", "broker.filetransfer.search"),
        ])
        return (method, platform, path, "broker", route)

    def apps():
        party, instance = rng.randrange(50000000, 51000000), uuid.UUID(int=rng.getrandbits(128))
        return ("GET", "ttd.apps.tt02.altinn.no", f"/ttd/skjema-app/instances/{party}/{instance}",
                "apps", "apps.instances.get")

    start = datetime(2026, 11, 24, tzinfo=timezone.utc).timestamp()
    step = 86400.0 / lines
    with open(out, "w") as log:
        for n in range(lines):
            supplier = rng.choice(suppliers)
            customer = rng.choice(customers[supplier])
            kind = rng.random()
            method, host, path, product, route = (
                dialogporten(customer) if kind < 0.7 else broker() if kind < 0.9 else apps())
            t = start + n * step - (rng.random() * 0.005 if rng.random() < 0.05 else 0)
            stamp = datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            status = 200 if rng.random() < 0.97 else 429
            decision = "allowed" if status == 200 else "throttled"
            digest = f'"{rng.getrandbits(64):016x}"' if status == 200 else "null"
            quoted = lambda v: "null" if v is None else f'"{v}"'
            client = rng.choice(clients[supplier]) if supplier else None
            routing = f'"product":"{product}","route":"{route}",' if with_routes else ""
            log.write(
                f'{{"time":"{stamp}","request_id":"{uuid.UUID(int=rng.getrandbits(128))}",'
                f'"supplier":{quoted(supplier)},"customer":{quoted(customer if supplier else None)},'
                f'"client_id":{quoted(client)},"method":"{method}","host":"{host}","path":"{path}",{routing}'
                f'"status":{status},"decision":"{decision}","rule":null,"bytes_in":0,"bytes_out":2048,'
                f'"duration_ms":12.4,"response_digest":{digest}}}\n')

if __name__ == "__main__":
    main()
