#!/usr/bin/env bash
# Takes a screenshot of an HTML throttle report in headless Chromium, as a laptop screen shows it; installs
# Debian's chromium first when it is missing.
# Usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH,HEIGHT]
#   default 1440,900; 1366,768 for a smaller laptop; a tall window (1440,5000) shoots the whole page.
# A sample report with every feature: `swift test --filter ThrottleReportHTMLBrowserTests` writes it to
# /tmp/portvakt-sample-report.html.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
[ -f "$1" ] || { echo "$0: $1: no such file" >&2; exit 1; }
report=$(realpath "$1")
out=$(realpath -m "$2")

command -v chromium >/dev/null || "$(dirname "$0")/setup.sh" chromium
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out" --window-size="${3:-1440,900}" \
    "file://$report" 2>/dev/null
echo "$out"
