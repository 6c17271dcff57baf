#!/usr/bin/env bash
# Benchmarks/replay.sh — times `portvakt replay` on a generated access log of LINES lines (default 1 000 000), once
# as the proxy writes it (product and route logged) and once without product and route (derived from the catalogue).
#
# Usage: Benchmarks/replay.sh [--no-build] [--help]
# Environment: LINES (1000000), CONFIG (Config/portvakt.yaml), PORTVAKT_BIN (.build/release/portvakt),
#   LOG_DIR (a temporary directory; the generated logs are kept there for reuse when it is given).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "replay.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

lines=${LINES:-1000000}
config=${CONFIG:-Config/portvakt.yaml}
binary=${PORTVAKT_BIN:-.build/release/portvakt}
if [[ $build == 1 ]]; then swift build -c release --product portvakt; fi
[[ -x $binary ]] || { echo "replay.sh: no binary at $binary (build with swift build -c release)" >&2; exit 1; }

if [[ -n ${LOG_DIR:-} ]]; then
    mkdir -p "$LOG_DIR"
    dir=$LOG_DIR
else
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
fi

for variant in routes no-routes; do
    log="$dir/access-$lines-$variant.jsonl"
    if [[ ! -s $log ]]; then
        python3 Benchmarks/replay-log.py "$lines" "$log" $([[ $variant == no-routes ]] && echo --no-routes)
    fi
    echo "== $variant: $(wc -l <"$log") lines, $(du -h "$log" | cut -f1)"
    /usr/bin/time -f "elapsed %e s, user %U s, system %S s, peak RSS %M KiB" \
        "$binary" replay "$log" --config "$config" --format text
done
