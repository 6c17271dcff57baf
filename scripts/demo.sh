#!/usr/bin/env bash
# Builds Portvakt and runs `portvakt demo`: the stand-in Altinn, the proxy in front of it, simulated suppliers.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product portvakt
exec .build/release/portvakt demo "$@"
