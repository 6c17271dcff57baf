#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the swift-testing suites, checks the format.
set -euo pipefail
cd "$(dirname "$0")/.."

# The HTML report's test loads it in headless Chromium; the cluster tests start their own redis-server.
scripts/setup.sh chromium redis-server
swift build --build-tests
swift test --skip-build
swift format lint --strict --recursive Sources Tests Package.swift
