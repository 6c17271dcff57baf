#!/usr/bin/env bash
# Installs the Debian packages Portvakt needs to build and test, when they are missing. Idempotent.
# Usage: scripts/setup.sh [extra-package …]   (the tests add chromium and redis-server, the benchmarks nginx-light and wrk)
set -euo pipefail

packages=(libcurl4-openssl-dev libsqlite3-dev libhiredis-dev zlib1g-dev openssl curl "$@")
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
