#!/usr/bin/env bash
# Benchmarks/cluster.sh — what sharing limits through Redis costs (issue 7), measured in one run on loopback:
#
#   single  one Portvakt with its buckets in-process (no `cluster`),
#   shared  one Portvakt with `cluster`: its buckets in Redis, lending it tokens ahead of need (leases), its answers
#           sent for judging,
#   exact   the same with `leases: false`: every request's buckets decided in Redis,
#   trio    three Portvakts with `cluster` against one Redis, driven at once (the load split between them),
#
# all in front of `portvakt stand-in`, each driven by wrk in ROUNDS alternating rounds with a real RS256 token.
# Prints per mode the median req/s, p50 and p99, what the shared state adds (shared − single, exact − single), and
# the Redis round trips per request of shared and exact (from their /metrics). Writes Benchmarks/results/cluster-<date>.json.
#
# Usage: Benchmarks/cluster.sh [--no-build] [--help]
# Environment: DURATION (10s), ROUNDS (3), CONNECTIONS (16), THREADS (2), WARMUP (2s),
#   PORTVAKT_BIN (.build/release/portvakt)
set -euo pipefail

build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "cluster.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
PORTVAKT_BIN=${PORTVAKT_BIN:-.build/release/portvakt}
DIALOGS_PATH='/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998'

die() { echo "cluster.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

cd "$(dirname "$0")/.."
repo=$PWD
BENCH_JWT=$(python3 Benchmarks/mint-token.py 312345676) || die "cannot mint the bench token (pip install cryptography)"
scripts/setup.sh redis-server wrk curl
if ((build)); then
    note "building $PORTVAKT_BIN"
    swift build -c release --product portvakt >&2
fi
[[ -x $PORTVAKT_BIN ]] || die "no $PORTVAKT_BIN (build it, or drop --no-build)"

tmp=$(mktemp -d /tmp/portvakt-cluster-bench.XXXXXX)
pids=()
cleanup() {
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() { # url expected
    for _ in $(seq 100); do
        [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' -H "Authorization: Bearer $BENCH_JWT" "$1" || true) == "$2" ]] &&
            return 0
        sleep 0.1
    done
    die "nothing answered $2 at $1"
}

upstream_port=$(free_port)
"$PORTVAKT_BIN" stand-in --listen "127.0.0.1:$upstream_port" >"$tmp/stand-in.log" 2>&1 &
pids+=("$!")
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning >"$tmp/redis.log" 2>&1 &
pids+=("$!")
wait_http "http://127.0.0.1:$upstream_port$DIALOGS_PATH" 200

declare -A port_of admin_of
start() { # name cluster-section
    local name=$1 port admin
    port=$(free_port) admin=$(free_port)
    mkdir -p "$tmp/$name"
    cat >"$tmp/$name/portvakt.yaml" <<EOF
listen: 127.0.0.1:$port
admin: { listen: 127.0.0.1:$admin, token: bench }
upstreams: { platform: "http://127.0.0.1:$upstream_port", apps: "http://127.0.0.1:$upstream_port/{org}" }
identity: { jwks: [$repo/Config/keys/test-issuer.jwks.json], issuers: [https://test.maskinporten.no/] }
state: { path: $tmp/$name/state.sqlite }
access_log: { path: $tmp/$name/access.jsonl, pseudonym_key: bench }
# wrk polls one URL: sanctions would cut it off. Polling is still judged (in a cluster, by one instance).
sanctions: { enabled: false }
limits:
  - { name: bench, match: { product: dialogporten }, key: supplier, rate: 1000000/1s, burst: 1000000 }
$2
EOF
    "$PORTVAKT_BIN" serve --config "$tmp/$name/portvakt.yaml" >"$tmp/$name/log" 2>&1 &
    pids+=("$!")
    port_of[$name]=$port admin_of[$name]=$admin
    wait_http "http://127.0.0.1:$port$DIALOGS_PATH" 200
}
cluster() { printf 'cluster: { redis: "127.0.0.1:%s", instance: %s, expected_instances: 3%s }' "$redis_port" "$1" "${2:-}"; }
start single ""
start shared "$(cluster shared)"
start exact "$(cluster exact ', leases: false')"
for name in a b c; do start "trio-$name" "$(cluster "trio-$name")"; done

# wrk --latency → "req/s p50_ms p99_ms non2xx"
parse() {
    awk 'function ms(v, n, u) { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
             return u == "us" ? n / 1000 : u == "ms" ? n : u == "s" ? n * 1000 : -1 }
         /^ +50% / { p50 = ms($2) } /^ +99% / { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 } /Non-2xx/ { bad = $NF }
         END { if (rps == "") exit 1; printf "%.1f %.3f %.3f %d\n", rps, p50, p99, bad }' "$1"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
drive() { # port connections output
    local threads=$((THREADS < $2 ? THREADS : $2))
    wrk -t"$threads" -c"$2" -d"$WARMUP" -H "Authorization: Bearer $BENCH_JWT" "http://127.0.0.1:$1$DIALOGS_PATH" >/dev/null
    wrk -t"$threads" -c"$2" -d"$DURATION" --latency -H "Authorization: Bearer $BENCH_JWT" \
        "http://127.0.0.1:$1$DIALOGS_PATH" >"$3"
}
metric() { # instance name
    curl -s "http://127.0.0.1:${admin_of[$1]}/metrics" | awk -v m="$2" 'index($0, m) == 1 { n = $NF } END { printf "%d", n }'
}
# "round-trips requests" of an instance so far: pipelines sent, requests decided in Redis or from leases.
redis_use() {
    echo "$(metric "$1" 'portvakt_cluster_redis_round_trips ')" \
        "$(($(metric "$1" 'portvakt_cluster_decisions{result="shared"}') + $(metric "$1" 'portvakt_cluster_decisions{result="leased"}')))"
}

declare -A rps p50 p99 use_before
for mode in shared exact; do use_before[$mode]=$(redis_use "$mode"); done
for ((round = 1; round <= ROUNDS; round++)); do
    for mode in single shared exact; do
        note "round $round: $mode"
        drive "${port_of[$mode]}" "$CONNECTIONS" "$tmp/$mode-$round.txt"
        read -r r m p bad < <(parse "$tmp/$mode-$round.txt") || die "cannot read wrk's output for $mode"
        ((bad == 0)) || die "$mode answered $bad requests with an error status"
        rps[$mode]+="$r " p50[$mode]+="$m " p99[$mode]+="$p "
    done
    note "round $round: trio"
    share=$(((CONNECTIONS + 2) / 3))
    drivers=()
    for name in a b c; do
        drive "${port_of[trio-$name]}" "$share" "$tmp/trio-$name-$round.txt" &
        drivers+=("$!")
    done
    wait "${drivers[@]}"
    total=0 worst=0 worst_median=0
    for name in a b c; do
        read -r r m p bad < <(parse "$tmp/trio-$name-$round.txt") || die "cannot read wrk's output for trio-$name"
        ((bad == 0)) || die "trio-$name answered $bad requests with an error status"
        total=$(awk -v a="$total" -v b="$r" 'BEGIN { print a + b }')
        worst=$(awk -v a="$worst" -v b="$p" 'BEGIN { print (b > a) ? b : a }')
        worst_median=$(awk -v a="$worst_median" -v b="$m" 'BEGIN { print (b > a) ? b : a }')
    done
    rps[trio]+="$total " p50[trio]+="$worst_median " p99[trio]+="$worst "
done
# Round trips per request over the rounds: "per_request trips requests".
trips_per_request() {
    read -r t0 r0 <<<"${use_before[$1]}"
    read -r t1 r1 < <(redis_use "$1")
    awk -v t=$((t1 - t0)) -v r=$((r1 - r0)) 'BEGIN { printf "%.3f %d %d\n", r ? t / r : 0, t, r }'
}
read -r per_request trips requests < <(trips_per_request shared)
read -r exact_per_request exact_trips exact_requests < <(trips_per_request exact)

date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
printf '%-8s %12s %10s %10s\n' mode "req/s" "p50 ms" "p99 ms"
for mode in single shared exact trio; do
    # shellcheck disable=SC2086
    printf '%-8s %12s %10s %10s\n' "$mode" "$(median ${rps[$mode]})" "$(median ${p50[$mode]})" "$(median ${p99[$mode]})"
done
added() { # mode p50|p99
    local -n of=$2
    # shellcheck disable=SC2086
    awk -v a="$(median ${of[$1]})" -v b="$(median ${of[single]})" 'BEGIN { printf "%.3f", a - b }'
}
added=$(added shared p99) added_median=$(added shared p50)
exact_added=$(added exact p99) exact_added_median=$(added exact p50)
echo "added by the shared state with leases: p50 $added_median ms, p99 $added ms;" \
    "Redis round trips per request: $per_request ($trips for $requests)"
echo "added without leases (exact): p50 $exact_added_median ms, p99 $exact_added ms;" \
    "Redis round trips per request: $exact_per_request ($exact_trips for $exact_requests)"
echo "load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (trio: three wrk of $share connections at once), $ROUNDS rounds, $date"
mkdir -p Benchmarks/results
out=Benchmarks/results/cluster-${date%%T*}-c$CONNECTIONS.json
{
    printf '{"date":"%s","duration":"%s","rounds":%s,"connections":%s,' "$date" "$DURATION" "$ROUNDS" "$CONNECTIONS"
    for mode in single shared exact trio; do
        # shellcheck disable=SC2086
        printf '"%s":{"rps":[%s],"p50_ms":[%s],"p99_ms":[%s]},' "$mode" "$(echo ${rps[$mode]} | tr ' ' ,)" \
            "$(echo ${p50[$mode]} | tr ' ' ,)" "$(echo ${p99[$mode]} | tr ' ' ,)"
    done
    printf '"p50_added_ms":%s,"p99_added_ms":%s,"round_trips_per_request":%s,' "$added_median" "$added" "$per_request"
    printf '"exact_p50_added_ms":%s,"exact_p99_added_ms":%s,"exact_round_trips_per_request":%s}\n' \
        "$exact_added_median" "$exact_added" "$exact_per_request"
} >"$out"
note "wrote $out"
