#!/usr/bin/env bash
# Benchmarks/load.sh — Portvakt's proxy load benchmark: one run, on loopback, with the ratios measured side by side.
#
#   (a) a stand-in upstream (nginx) answering a fixed 2 KiB JSON document,
#   (b) nginx as a reverse proxy with limit_req in front of it (the yardstick),
#   (c) Portvakt in front of the same upstream,
#   (d) libcurl alone as a client of that upstream (Benchmarks/curl-floor.c): the least CPU any proxy forwarding
#       through this libcurl spends per request on its upstream side,
# each driven by wrk in ROUNDS alternating rounds; then 2 GiB down and 1 GiB up streamed through each proxy while the
# proxy's resident memory is sampled. Prints a table and writes Benchmarks/results/load-<date>.json.
#
# Usage: Benchmarks/load.sh [--no-build] [--skip-streaming] [--only-nginx] [--strict] [--keep-tmp] [--help]
# Environment: DURATION (15s), ROUNDS (3), CONNECTIONS (64), THREADS (2), WARMUP (2s), PORTVAKT_BIN
#   (.build/release/portvakt), NGINX_WORKERS (auto), UPSTREAM_WORKERS (auto), TIMEOUT (1800, seconds for the whole run),
#   NGINX (/usr/sbin/nginx). See Benchmarks/README.md for what each figure means.
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

build=1 streaming=1 only_nginx=0 strict=0 keep_tmp=0
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        --skip-streaming) streaming=0 ;;
        --only-nginx) only_nginx=1 ;;
        --strict) strict=1 ;;
        --keep-tmp) keep_tmp=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "load.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
PORTVAKT_BIN=${PORTVAKT_BIN:-.build/release/portvakt}
NGINX=${NGINX:-/usr/sbin/nginx}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
UPSTREAM_WORKERS=${UPSTREAM_WORKERS:-auto}
TIMEOUT=${TIMEOUT:-1800}

# The 2 KiB answer is requested at the path suppliers poll most; the streams use Broker's file transfer routes.
DIALOGS_PATH='/dialogporten/api/v1/enduser/dialogs?party=urn:altinn:organization:identifier-no:313999998'
TRANSFER_PATH='/broker/api/v1/filetransfer'
DOWNLOAD_BYTES=$((2 << 30))
UPLOAD_BYTES=$((1 << 30))
ANSWER_BYTES=2048
RSS_GROWTH_TARGET_KIB=$((64 << 10))
# JWT-shaped, never valid: header {"alg":"RS256","kid":"portvakt-bench","typ":"JWT"}, a Maskinporten-like payload
# (consumer 0192:312345676, exp 2033), and 256 bytes of filler as the "signature". Same size as a real token.
# A real RS256 token from the committed test-only issuer (Benchmarks/mint-token.py), whose public key the Portvakt
# config below trusts: every request is a verified supplier, answered from the verified-token cache after the first.
BENCH_JWT=$(python3 "$(dirname "$0")/mint-token.py" 312345676) ||
    { echo "load.sh: cannot mint the bench token (pip install cryptography)" >&2; exit 1; }

die() { echo "load.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, not '$ROUNDS'"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer, not '$CONNECTIONS'"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "THREADS must be a positive integer, not '$THREADS'"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT must be a number of seconds, not '$TIMEOUT'"
# wrk's duration syntax: a number with an optional s/m/h unit. Turned into seconds for the timeouts below.
seconds_of() {
    [[ $1 =~ ^([0-9]+)([smh]?)$ ]] || die "durations look like 15s, 2m or 1h, not '$1'"
    case "${BASH_REMATCH[2]}" in
        m) echo $((BASH_REMATCH[1] * 60)) ;; h) echo $((BASH_REMATCH[1] * 3600)) ;; *) echo "${BASH_REMATCH[1]}" ;;
    esac
}
duration_s=$(seconds_of "$DURATION")
warmup_s=$(seconds_of "$WARMUP")

cd "$(dirname "$0")/.."
repo=$PWD
umask 022

# --- everything this script starts is recorded here and stopped on exit -------------------------------------------
pids=()        # processes we started, stopped in reverse order
nginx_workers=() # worker processes of our nginx masters, in case a master has to be killed hard
tmp=""
shm_dir=""
watchdog=""

cleanup() {
    local status=$? pid i
    trap - EXIT INT TERM
    [[ -n $watchdog ]] && kill "$watchdog" 2>/dev/null || true
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -TERM "${pids[i]}" 2>/dev/null || true
    done
    for ((i = 0; i < 50; i++)); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${nginx_workers[@]}"; do
        # Only if it still is one of our nginx workers (its master was killed hard and left it behind).
        if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' </proc/"$pid"/cmdline | grep -q '^nginx: worker'; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    wait 2>/dev/null || true
    [[ -n $shm_dir && -d $shm_dir ]] && rm -rf "$shm_dir"
    if [[ -n $tmp && -d $tmp ]]; then
        if ((keep_tmp)); then echo "load.sh: kept $tmp" >&2; else rm -rf "$tmp"; fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The whole run is bounded: after TIMEOUT seconds the watchdog stops us (and cleanup stops everything we started).
(
    trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    sleep "$TIMEOUT" &
    sleeper=$!
    wait "$sleeper"
    echo "load.sh: TIMEOUT of ${TIMEOUT}s reached, stopping" >&2
    kill -TERM $$
) &
watchdog=$!

# Runs a command in the background and waits for it, so that a signal reaches our trap at once (bash defers traps
# while a foreground command runs) and cleanup can stop the command.
run() {
    "$@" &
    local pid=$! status=0
    pids+=("$pid")
    wait "$pid" || status=$?
    unset 'pids[-1]'
    return "$status"
}

# --- set-up -------------------------------------------------------------------------------------------------------
note "checking tools (scripts/setup.sh nginx-light wrk curl)"
scripts/setup.sh nginx-light wrk curl
[[ -x $NGINX ]] || die "$NGINX not found after set-up"
command -v wrk >/dev/null || die "wrk not found after set-up"

if ((!only_nginx)); then
    if [[ ! -x $PORTVAKT_BIN ]]; then
        ((build)) || die "$PORTVAKT_BIN does not exist and --no-build was given"
        [[ $PORTVAKT_BIN == .build/release/portvakt ]] ||
            die "$PORTVAKT_BIN does not exist (only the default .build/release/portvakt is built by this script)"
        note "building portvakt (swift build -c release --product portvakt)"
        run timeout 3600 swift build -c release --product portvakt || die "swift build failed"
    fi
    [[ $PORTVAKT_BIN == /* ]] || PORTVAKT_BIN=$repo/$PORTVAKT_BIN
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portvakt-bench.XXXXXX")
chmod 755 "$tmp" # nginx workers run as an unprivileged user when we are root; they must reach the files below

compiler=$(command -v cc || command -v clang || command -v gcc) || die "no C compiler (cc, clang or gcc) for curl-floor.c"
"$compiler" -O2 -o "$tmp/curl-floor" Benchmarks/curl-floor.c -lcurl || die "could not build Benchmarks/curl-floor.c"

# Free loopback ports, different from each other: a port is free when nothing accepts a connection on it. They are
# taken below the kernel's ephemeral range, where a client's connection (wrk's, curl's) can hold a port that nothing
# listens on and bind would fail.
read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || ephemeral_low=32768
((ephemeral_low > 12000)) || die "the ephemeral port range starts at $ephemeral_low: no room below it for our ports"
chosen_ports=" "
pick_port() { # variable name
    local port tries
    for ((tries = 0; tries < 200; tries++)); do
        port=$((10000 + RANDOM % (ephemeral_low - 10000)))
        [[ $chosen_ports == *" $port "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            chosen_ports+="$port "
            printf -v "$1" '%s' "$port"
            return 0
        fi
    done
    die "found no free loopback port"
}
pick_port upstream_port
pick_port nginx_port
pick_port portvakt_port
pick_port admin_port
pick_port unlimited_port
pick_port unlimited_admin_port

# --- the stand-in upstream -----------------------------------------------------------------------------------------
# The 2 KiB answer: a Dialogporten-like search result, padded to exactly ANSWER_BYTES. No $, \ or ' in it (nginx string).
answer_head='{"items":[{"id":"0193a3f8-6a6c-7e1f-9b3a-5c2d8e4f1a00","party":"urn:altinn:organization:identifier-no:313999998","serviceResource":"urn:altinn:resource:super-simple-service","status":"New","createdAt":"2026-11-24T06:00:00.000Z","updatedAt":"2026-11-24T06:00:00.000Z","content":{"title":{"value":[{"value":"Portvakt load benchmark","languageCode":"nb"}],"mediaType":"text/plain"},"summary":{"value":[{"value":"'
answer_tail='","languageCode":"nb"}],"mediaType":"text/plain"}}}],"hasNextPage":false,"continuationToken":null,"orderBy":"createdAt_desc"}'
pad=$((ANSWER_BYTES - ${#answer_head} - ${#answer_tail}))
((pad > 0)) || die "answer template longer than $ANSWER_BYTES bytes"
answer=$answer_head$(printf '%*s' "$pad" '' | tr ' ' 'x')$answer_tail
((${#answer} == ANSWER_BYTES)) || die "answer is ${#answer} bytes, not $ANSWER_BYTES"

# Settings shared by both nginx instances: a well-tuned nginx, as an operator would run it.
nginx_common() { # $1 = prefix dir, $2 = worker_processes
    local dir=$1 workers=$2
    cat <<EOF
worker_processes $workers;
worker_rlimit_nofile 16384;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 8192; }
EOF
}
nginx_http_common() { # $1 = prefix dir
    local dir=$1
    cat <<EOF
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server_tokens off;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    log_format bench '\$msec \$request_method \$request_uri \$status \$request_length \$content_length \$body_bytes_sent \$request_time';
EOF
}

up=$tmp/upstream
mkdir -p "$up/logs" "$up/tmp"
# The streams' files live on tmpfs (/dev/shm) when it has room: reading a hole of a sparse file there costs no page
# cache, and the upload sink's spool file is written at memory speed, so the upstream is not what limits a stream.
# Otherwise they live in the temp dir.
stream_dir=$up/files
if [[ -d /dev/shm && -w /dev/shm ]] &&
    (($(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > (UPLOAD_BYTES >> 10) * 2)); then
    shm_dir=$(mktemp -d /dev/shm/portvakt-bench.XXXXXX)
    chmod 755 "$shm_dir"
    stream_dir=$shm_dir
fi
mkdir -p "$stream_dir/www"
# The download: a sparse 2 GiB file (no disk blocks; reads come back as zeros).
truncate -s "$DOWNLOAD_BYTES" "$stream_dir/www/transfer-2g.bin"
{
    nginx_common "$up" "$UPSTREAM_WORKERS"
    echo "http {"
    nginx_http_common "$up"
    cat <<EOF
    access_log off;
    server {
        listen 127.0.0.1:$upstream_port reuseport backlog=4096;
        client_max_body_size 0;

        # The 2 KiB JSON answer, at any path under the dialogs search.
        location /dialogporten/api/v1/enduser/dialogs {
            default_type application/json;
            return 200 '$answer';
        }

        # 2 GiB download: the sparse file, whatever the transfer id.
        location ~ ^$TRANSFER_PATH/[^/]+/download\$ {
            access_log $up/logs/stream.log bench;
            root $stream_dir/www;
            try_files /transfer-2g.bin =500;
        }

        # Upload sink that really reads the whole body before it answers: proxy_pass with request buffering (the
        # default) reads the body completely (into a temp file: client_body_buffer_size is small) before it connects
        # upstream; proxy_pass_request_body off then sends none of it to /__uploaded, which answers. \$content_length
        # in the log is the body size (for a chunked body nginx sets it once the body has been read), \$request_length
        # the bytes read from the socket. (A plain 'return' answers first and discards the body afterwards.)
        location ~ ^$TRANSFER_PATH/[^/]+/upload\$ {
            access_log $up/logs/stream.log bench;
            client_body_temp_path $stream_dir/body;
            client_body_buffer_size 1m;
            client_body_timeout 60s;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Content-Length "";
            proxy_pass_request_body off;
            rewrite ^ /__uploaded break;
            proxy_pass http://127.0.0.1:$upstream_port;
        }
        location = /__uploaded {
            default_type application/json;
            return 200 '{"fileTransferId":"0193a3f8-6a6c-7e1f-9b3a-5c2d8e4f1a01"}';
        }
    }
}
EOF
} >"$up/nginx.conf"

# --- nginx with limit_req, the yardstick ---------------------------------------------------------------------------
px=$tmp/nginx-proxy
mkdir -p "$px/logs" "$px/tmp"
{
    nginx_common "$px" "$NGINX_WORKERS"
    echo "http {"
    nginx_http_common "$px"
    cat <<EOF
    # It logs every request, as the real deployment does (buffered, as an operator would configure it).
    log_format proxy '\$remote_addr [\$time_iso8601] "\$request" \$status \$request_length \$body_bytes_sent \$request_time \$upstream_response_time';
    access_log $px/logs/access.log proxy buffer=64k flush=1s;

    # Keyed on the bearer token; the rate is so high that it never refuses, so nginx pays the bookkeeping only.
    limit_req_zone \$http_authorization zone=per_token:16m rate=1000000r/s;
    limit_req_status 429;

    upstream altinn {
        server 127.0.0.1:$upstream_port;
        keepalive 64;
        keepalive_requests 1000000;
        keepalive_timeout 60s;
    }

    server {
        listen 127.0.0.1:$nginx_port reuseport backlog=4096;
        client_max_body_size 0;

        location / {
            limit_req zone=per_token burst=100000 nodelay;
            proxy_pass http://altinn;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            # Streams both ways, as Portvakt does: request bodies are not spooled, answers are buffered in memory
            # only (never to a temp file), so a slow reader pushes back on the upstream.
            proxy_request_buffering off;
            client_body_buffer_size 128k;
            proxy_max_temp_file_size 0;
            proxy_buffers 16 64k;
            proxy_busy_buffers_size 128k;
        }
    }
}
EOF
} >"$px/nginx.conf"

# Starts an nginx master in the foreground (daemon off) under our control and records its workers.
start_nginx() { # name dir
    local name=$1 dir=$2 out
    out=$("$NGINX" -t -q -p "$dir/" -c "$dir/nginx.conf" 2>&1) || die "$name: nginx -t failed: $out"
    "$NGINX" -p "$dir/" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    eval "${name}_pid=$pid"
}

# Children of a process: from /proc/PID/task/*/children where the kernel has it, else from every /proc/N/stat.
children_of() {
    local parent=$1 f stat
    if cat /proc/"$parent"/task/*/children 2>/dev/null | tr ' ' '\n' | grep .; then return 0; fi
    for f in /proc/[0-9]*/stat; do
        stat=$(cat "$f" 2>/dev/null) || continue
        stat=${stat##*) }
        read -r _ ppid _ <<<"$stat"
        [[ $ppid == "$parent" ]] && { f=${f#/proc/}; echo "${f%/stat}"; }
    done
    return 0
}

# Bounded readiness: polls with curl until the URL answers the expected status, or the process has died.
wait_http() { # name url expected timeout_seconds pid log
    local name=$1 url=$2 expected=$3 limit=$4 pid=$5 log=$6 code=none i
    for ((i = 0; i < limit * 10; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "--- last lines of $log:" >&2
            tail -n 20 "$log" >&2 || true
            die "$name exited during start-up"
        fi
        code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' -H "Authorization: Bearer $BENCH_JWT" "$url" || true)
        [[ $code == "$expected" ]] && return 0
        sleep 0.1
    done
    echo "--- last lines of $log:" >&2
    tail -n 20 "$log" >&2 || true
    die "$name did not answer $expected at $url within ${limit}s (last answer: $code)"
}

note "starting the stand-in upstream on 127.0.0.1:$upstream_port ($UPSTREAM_WORKERS workers)"
upstream_pid=""
start_nginx upstream "$up"
wait_http upstream "http://127.0.0.1:$upstream_port$DIALOGS_PATH" 200 10 "$upstream_pid" "$up/logs/error.log"
got=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$upstream_port$DIALOGS_PATH")
[[ $got == "$ANSWER_BYTES" ]] || die "upstream answered $got bytes, not $ANSWER_BYTES"

note "starting nginx (limit_req proxy) on 127.0.0.1:$nginx_port ($NGINX_WORKERS workers)"
nginx_pid=""
start_nginx nginx "$px"
wait_http "nginx proxy" "http://127.0.0.1:$nginx_port$DIALOGS_PATH" 200 10 "$nginx_pid" "$px/logs/error.log"
mapfile -t nginx_children < <(children_of "$nginx_pid")
nginx_workers+=("${nginx_children[@]}")
nginx_workers+=($(children_of "$upstream_pid"))

# --- Portvakt ------------------------------------------------------------------------------------------------------
portvakt_pid="" unlimited_pid=""
# Starts `portvakt serve` as target NAME on PORT (admin on ADMIN_PORT) with the given `limits:` block; records its pid
# in the variable named PID_VAR. Contract §2 keys only; state and access log live in the temp dir, and the access
# log stays on, as in the real deployment.
start_portvakt() { # name port admin_port pid_var limits_block
    local name=$1 port=$2 admin=$3 pid_var=$4 limits=$5 dir=$tmp/$1
    mkdir -p "$dir"
    cat >"$dir/portvakt.yaml" <<EOF
# Generated by Benchmarks/load.sh for one benchmark run.
listen: 127.0.0.1:$port
admin:
  listen: 127.0.0.1:$admin
  token: "bench-$RANDOM$RANDOM"
upstreams:
  platform: http://127.0.0.1:$upstream_port
  apps: "http://127.0.0.1:$upstream_port/{org}"
identity:
  jwks: [$repo/Config/keys/test-issuer.jwks.json]
  issuers: [https://test.maskinporten.no/]
  on_invalid_token: anonymous
state:
  path: $dir/portvakt.sqlite
access_log:
  path: $dir/access.jsonl
  pseudonym_key: "bench"
# wrk reads one URL as fast as it can, which is polling by the contract's definition: with sanctions on, the
# ladder would cut the bench supplier off within seconds. The data path is what is measured here.
sanctions:
  enabled: false
$limits
EOF
    note "starting $name on 127.0.0.1:$port (admin 127.0.0.1:$admin): $PORTVAKT_BIN"
    "$PORTVAKT_BIN" serve --config "$dir/portvakt.yaml" >"$dir/portvakt.log" 2>&1 &
    printf -v "$pid_var" '%s' "$!"
    pids+=("$!")
    wait_http "$name admin" "http://127.0.0.1:$admin/healthz" 200 30 "$!" "$dir/portvakt.log"
    wait_http "$name" "http://127.0.0.1:$port$DIALOGS_PATH" 200 30 "$!" "$dir/portvakt.log"
    got=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $BENCH_JWT" \
        "http://127.0.0.1:$port$DIALOGS_PATH")
    [[ $got == "$ANSWER_BYTES" ]] || die "$name answered $got bytes, not $ANSWER_BYTES"
    sleep 0.2 # the access log's group commit
    grep -q '"supplier":"312345676"' "$dir/access.jsonl" || die "$name did not take the bench token as supplier 312345676"
}
if ((!only_nginx)); then
    pv=$tmp/portvakt
    # The limits replace the built-in defaults (120/60s would refuse almost everything here) with rules that match
    # every benchmarked request and never refuse, so Portvakt pays the bookkeeping as nginx does; every answer
    # carries the RateLimit fields.
    start_portvakt portvakt "$portvakt_port" "$admin_port" portvakt_pid "limits:
  - name: bench-dialogporten
    match: { product: dialogporten }
    key: supplier
    rate: 1000000/1s
    burst: 1000000
  - name: bench-broker
    match: { product: broker }
    key: supplier
    rate: 1000000/1s
    burst: 1000000"
    # The same proxy without limits: what the limits cost (target: limits on within 5 % of limits off).
    start_portvakt unlimited "$unlimited_port" "$unlimited_admin_port" unlimited_pid "limits: []"
fi

# --- the machine ---------------------------------------------------------------------------------------------------
run_date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cpus=$(nproc)
cpu_model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
cpu_model=${cpu_model:-$(uname -m)}
kernel=$(uname -r)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
nginx_version=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')
wrk_version=$(wrk -v 2>&1 | head -n1 | awk '{print $2}' || true)

echo
echo "Portvakt load benchmark — $run_date"
echo "machine: $cpus CPU(s), $cpu_model, Linux $kernel; load average at start: $load_start"
echo "tools:   $nginx_version, wrk $wrk_version; nginx proxy worker_processes $NGINX_WORKERS, upstream $UPSTREAM_WORKERS"
echo "load:    wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, warm-up $WARMUP before each run, $ROUNDS rounds"
if awk -v l="${load_start%% *}" -v n="$cpus" 'BEGIN { exit !(l > n / 2) }'; then
    echo "WARNING: the machine was busy before the run started (load $load_start on $cpus CPUs); figures will be noisy."
fi
echo

# --- load ----------------------------------------------------------------------------------------------------------
# wrk's --latency output → "req/s p50_ms p99_ms requests non2xx socket_errors"
parse_wrk() {
    awk '
        function ms(v,  n, u) {
            n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
            if (u == "us") return n / 1000; if (u == "ms") return n; if (u == "s") return n * 1000
            if (u == "m") return n * 60000; if (u == "h") return n * 3600000
            return -1
        }
        /^ +50% / { p50 = ms($2) }
        /^ +99% / { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        / requests in / { requests = $1 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
        END {
            if (rps == "" || p50 == "" || p99 == "" || p50 < 0 || p99 < 0) exit 1
            printf "%.2f %.3f %.3f %d %d %d\n", rps, p50, p99, requests, non2xx, errors
        }' "$1"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

declare -A port_of=([upstream]=$upstream_port [nginx]=$nginx_port [portvakt]=$portvakt_port [unlimited]=$unlimited_port)
# The processes whose CPU time a target's requests cost: nginx's workers, Portvakt's one process. Their user plus
# system time over a round, per request, is a steadier figure than req/s on a machine shared with others.
declare -A cpu_pids_of=([upstream]="$(children_of "$upstream_pid" | tr '\n' ' ')" [nginx]="${nginx_children[*]}")
if ((!only_nginx)); then cpu_pids_of[portvakt]=$portvakt_pid cpu_pids_of[unlimited]=$unlimited_pid; fi
clock_ticks=$(getconf CLK_TCK)
stat_ticks() { # /proc/…/stat files → utime + stime summed, in clock ticks (a file that is gone counts 0)
    local sum=0 file stat fields
    for file in "$@"; do
        stat=$(cat "$file" 2>/dev/null) || continue
        read -ra fields <<<"${stat##*) }" # after the command name: state is field 3, utime 14, stime 15
        sum=$((sum + fields[11] + fields[12]))
    done
    echo "$sum"
}
cpu_ticks() { # "pid..." → their utime + stime, in clock ticks
    local pid files=()
    for pid in $1; do files+=("/proc/$pid/stat"); done
    stat_ticks "${files[@]}"
}
# Portvakt's curl engine threads by name: their share of its CPU is what forwarding through libcurl costs it.
engine_ticks() { # pid → utime + stime of its pv-curl-engine threads, in clock ticks
    local task files=()
    for task in /proc/"$1"/task/*; do
        if [[ $(cat "$task/comm" 2>/dev/null) == pv-curl-engine ]]; then files+=("$task/stat"); fi
    done
    stat_ticks "${files[@]}"
}
# The whole machine's busy time (every process, the kernel's interrupts; not the time the host stole from the VM):
# per request it is what one request costs wrk, the upstream and the proxy together, and its rate says how many of
# the cores were busy. When they all are, two targets' throughputs stand in the inverse ratio of these costs.
machine_ticks() { # → busy clock ticks of all CPUs since boot
    local cpu user nice system idle iowait irq softirq _
    read -r cpu user nice system idle iowait irq softirq _ </proc/stat
    echo $((user + nice + system + irq + softirq))
}
declare -A rps_of p50_of p99_of cpu_of engine_cpu_of machine_cpu_of rounds_json_of
targets=(upstream nginx)
((only_nginx)) || targets+=(portvakt unlimited)
for t in "${targets[@]}"; do
    rps_of[$t]="" p50_of[$t]="" p99_of[$t]="" cpu_of[$t]="" engine_cpu_of[$t]="" machine_cpu_of[$t]=""
    rounds_json_of[$t]=""
done
floor_rps="" floor_cpu="" floor_json=""
problems=0
per_request_us() { # ticks requests
    awk -v d="$1" -v hz="$clock_ticks" -v n="$2" 'BEGIN { printf "%.1f", (n > 0 ? d / hz * 1000000 / n : 0) }'
}

drive() { # target round
    local t=$1 round=$2 url="http://127.0.0.1:${port_of[$1]}$DIALOGS_PATH" out=$tmp/wrk-$1-$2.txt line
    local wrk_args=(-t"$THREADS" -c"$CONNECTIONS" --timeout 5s -H "Authorization: Bearer $BENCH_JWT")
    if ((warmup_s > 0)); then
        run timeout $((warmup_s + 30)) wrk "${wrk_args[@]}" -d"$WARMUP" "$url" >/dev/null || die "wrk warm-up of $t failed"
    fi
    local ticks_before ticks_after cpu_us engine_before=0 engine_after=0 engine_us=null
    local engines=0
    [[ $t == portvakt || $t == unlimited ]] && engines=1
    local machine_before machine_after machine_us cores started elapsed_ms
    ticks_before=$(cpu_ticks "${cpu_pids_of[$t]}")
    ((engines)) && engine_before=$(engine_ticks "${cpu_pids_of[$t]}")
    machine_before=$(machine_ticks) started=$(date +%s%N)
    run timeout $((duration_s + 60)) wrk "${wrk_args[@]}" -d"$DURATION" --latency "$url" >"$out" ||
        { cat "$out" >&2; die "wrk against $t failed"; }
    machine_after=$(machine_ticks) elapsed_ms=$((($(date +%s%N) - started) / 1000000))
    ticks_after=$(cpu_ticks "${cpu_pids_of[$t]}")
    ((engines)) && engine_after=$(engine_ticks "${cpu_pids_of[$t]}")
    line=$(parse_wrk "$out") || { cat "$out" >&2; die "could not parse wrk's output for $t"; }
    local rps p50 p99 requests non2xx errors
    read -r rps p50 p99 requests non2xx errors <<<"$line"
    cpu_us=$(per_request_us $((ticks_after - ticks_before)) "$requests")
    machine_us=$(per_request_us $((machine_after - machine_before)) "$requests")
    cores=$(awk -v d=$((machine_after - machine_before)) -v hz="$clock_ticks" -v ms="$elapsed_ms" \
        'BEGIN { printf "%.2f", d / hz * 1000 / ms }')
    printf '   round %d  %-9s %10.0f req/s   p50 %7.3f ms   p99 %7.3f ms   CPU %6.1f us/req   machine %6.1f us/req on %s cores   %s requests' \
        "$round" "$t" "$rps" "$p50" "$p99" "$cpu_us" "$machine_us" "$cores" "$requests"
    if ((engines)); then
        engine_us=$(per_request_us $((engine_after - engine_before)) "$requests")
        engine_cpu_of[$t]+="$engine_us "
        printf '   (curl engines %s)' "$engine_us"
    fi
    if ((non2xx > 0 || errors > 0)); then
        printf '   !! %d non-2xx, %d socket errors' "$non2xx" "$errors"
        problems=$((problems + 1))
    fi
    printf '\n'
    rps_of[$t]+="$rps " p50_of[$t]+="$p50 " p99_of[$t]+="$p99 " cpu_of[$t]+="$cpu_us " machine_cpu_of[$t]+="$machine_us "
    rounds_json_of[$t]+="${rounds_json_of[$t]:+,}{\"round\":$round,\"rps\":$rps,\"p50_ms\":$p50,\"p99_ms\":$p99,\"cpu_us_per_request\":$cpu_us,\"curl_engines_cpu_us_per_request\":$engine_us,\"machine_cpu_us_per_request\":$machine_us,\"cores_busy\":$cores,\"requests\":$requests,\"non_2xx\":$non2xx,\"socket_errors\":$errors}"
}

# libcurl alone against the upstream: the same connections and bearer header as wrk sends, no proxy in between.
drive_floor() { # round
    local round=$1 out=$tmp/curl-floor-$1.txt requests rps cpu_us non2xx
    # Through run, in this shell (not a command substitution), so that Ctrl-C and the watchdog stop it too.
    run timeout $((warmup_s + duration_s + 60)) "$tmp/curl-floor" "http://127.0.0.1:$upstream_port$DIALOGS_PATH" \
        "$CONNECTIONS" "$warmup_s" "$duration_s" "Authorization: Bearer $BENCH_JWT" >"$out" || die "curl-floor failed"
    read -r requests rps cpu_us non2xx <"$out"
    printf '   round %d  %-9s %10.0f req/s   %-39s CPU %6.1f us/req   %s requests' \
        "$round" libcurl "$rps" "(a client: no latency to compare)" "$cpu_us" "$requests"
    if ((non2xx > 0)); then
        printf '   !! %d non-2xx' "$non2xx"
        problems=$((problems + 1))
    fi
    printf '\n'
    floor_rps+="$rps " floor_cpu+="$cpu_us "
    floor_json+="${floor_json:+,}{\"round\":$round,\"rps\":$rps,\"cpu_us_per_request\":$cpu_us,\"requests\":$requests,\"non_2xx\":$non2xx}"
}

note "load: $ROUNDS rounds of $DURATION per target (warm-up $WARMUP each)"
for ((round = 1; round <= ROUNDS; round++)); do
    # The proxies alternate who goes first, so that a drift in the machine's state does not favour one of them.
    if ((round % 2)); then order=(upstream nginx portvakt unlimited); else order=(upstream unlimited portvakt nginx); fi
    for t in "${order[@]}"; do
        if [[ " ${targets[*]} " == *" $t "* ]]; then drive "$t" "$round"; fi
    done
    drive_floor "$round"
done

declare -A med_rps med_p50 med_p99 med_cpu med_engine_cpu med_machine_cpu
for t in "${targets[@]}"; do
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    med_rps[$t]=$(median ${rps_of[$t]})
    med_p50[$t]=$(median ${p50_of[$t]})
    med_p99[$t]=$(median ${p99_of[$t]})
    med_cpu[$t]=$(median ${cpu_of[$t]})
    med_machine_cpu[$t]=$(median ${machine_cpu_of[$t]})
    # shellcheck disable=SC2086
    med_engine_cpu[$t]=$([[ -n ${engine_cpu_of[$t]} ]] && median ${engine_cpu_of[$t]} || echo null)
done
# shellcheck disable=SC2086
floor_med_rps=$(median $floor_rps) floor_med_cpu=$(median $floor_cpu)

echo
printf '%-22s %12s %10s %10s %11s %16s   %s\n' "target (median of $ROUNDS)" "req/s" "p50 ms" "p99 ms" "CPU us/req" \
    "machine us/req" "req/s per round"
for t in "${targets[@]}"; do
    case $t in
        upstream) label="upstream direct" ;; nginx) label="nginx limit_req proxy" ;; portvakt) label="portvakt" ;;
        unlimited) label="portvakt, no limits" ;;
    esac
    printf '%-22s %12.0f %10.3f %10.3f %11.1f %16.1f   %s\n' "$label" "${med_rps[$t]}" "${med_p50[$t]}" \
        "${med_p99[$t]}" "${med_cpu[$t]}" "${med_machine_cpu[$t]}" "$(printf '%.0f ' ${rps_of[$t]})"
done
# shellcheck disable=SC2086
printf '%-22s %12.0f %10s %10s %11.1f %16s   %s\n' "libcurl client alone" "$floor_med_rps" - - "$floor_med_cpu" - \
    "$(printf '%.0f ' $floor_rps)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "null" }'; }
nginx_vs_upstream=$(ratio "${med_rps[nginx]}" "${med_rps[upstream]}")
echo
echo "nginx/upstream req/s: $nginx_vs_upstream"
rps_ratio=null p99_ratio=null cpu_ratio=null cpu_budget=null rps_ok=null p99_ok=null limits_rps_ratio=null limits_p99_ratio=null
limits_ok=null
if ((!only_nginx)); then
    rps_ratio=$(ratio "${med_rps[portvakt]}" "${med_rps[nginx]}")
    p99_ratio=$(ratio "${med_p99[portvakt]}" "${med_p99[nginx]}")
    rps_ok=$(awk -v r="$rps_ratio" 'BEGIN { print (r >= 0.8) ? "true" : "false" }')
    p99_ok=$(awk -v r="$p99_ratio" 'BEGIN { print (r <= 1.5) ? "true" : "false" }')
    verdict() { [[ $1 == true ]] && echo PASS || echo FAIL; }
    echo "portvakt/nginx req/s: $rps_ratio   (target >= 0.80: $(verdict "$rps_ok"))"
    echo "portvakt/nginx p99:   $p99_ratio   (target <= 1.50: $(verdict "$p99_ok"))"
    cpu_ratio=$(ratio "${med_cpu[portvakt]}" "${med_cpu[nginx]}")
    echo "portvakt/nginx CPU per request: $cpu_ratio   (each proxy's own processes; no target, lower is better)"
    echo "portvakt's curl engines: ${med_engine_cpu[portvakt]} us/req; libcurl alone as a client: $floor_med_cpu us/req;" \
        "nginx's whole proxy: ${med_cpu[nginx]} us/req"
    # With every core busy, 0.8× nginx's rate means at most 1.25× the machine time nginx's requests took; what wrk and
    # the upstream take of a Portvakt request leaves the rest for Portvakt itself.
    cpu_budget=$(awk -v n="${med_machine_cpu[nginx]}" -v m="${med_machine_cpu[portvakt]}" -v p="${med_cpu[portvakt]}" \
        'BEGIN { printf "%.1f", 1.25 * n - (m - p) }')
    echo "CPU per request Portvakt could spend at 0.8x nginx's rate (the cores saturated): $cpu_budget us" \
        "(it spends ${med_cpu[portvakt]}; libcurl alone takes $floor_med_cpu)"
    limits_rps_ratio=$(ratio "${med_rps[portvakt]}" "${med_rps[unlimited]}")
    limits_p99_ratio=$(ratio "${med_p99[portvakt]}" "${med_p99[unlimited]}")
    limits_ok=$(awk -v r="$limits_rps_ratio" 'BEGIN { print (r >= 0.95) ? "true" : "false" }')
    echo "limits on/off req/s:  $limits_rps_ratio   (target >= 0.95: $(verdict "$limits_ok"));  p99 $limits_p99_ratio"
fi
((problems == 0)) || echo "WARNING: $problems run(s) saw non-2xx answers or socket errors; see above."
# Both proxies log every request; how much they wrote shows that the logging was really on.
log_bytes() { du -cb "$@" 2>/dev/null | tail -n1 | cut -f1; }
echo "access logs written: nginx $(log_bytes "$px"/logs/access.log) B$( ((only_nginx)) ||
    echo ", portvakt $(log_bytes "$pv"/access.jsonl*) B")"

# --- streaming -----------------------------------------------------------------------------------------------------
# Sums VmRSS (KiB) of the given processes every 100 ms into a file, one number a line.
sample_rss() { # out pid...
    local out=$1 pid key value total
    shift
    while :; do
        total=0
        for pid in "$@"; do
            [[ -r /proc/$pid/status ]] || continue
            while read -r key value _; do
                if [[ $key == VmRSS: ]]; then total=$((total + value)); break; fi
            done </proc/"$pid"/status 2>/dev/null || true
        done
        echo "$total" >>"$out"
        sleep 0.1
    done
}

# The upstream's log line for one transfer id (it is written when the transfer ends there), polled for up to 10 s.
upstream_line() { # uri
    local i line
    for ((i = 0; i < 100; i++)); do
        line=$(awk -v u="$1" '$3 == u' "$up/logs/stream.log" 2>/dev/null | tail -n1)
        [[ -n $line ]] && { echo "$line"; return 0; }
        sleep 0.1
    done
    echo "- - $1 - - - - -"
}

transfer_seq=0
stream_json=""
stream_failures=0
# One transfer through one target; prints a line and appends to stream_json. RSS is sampled when pids are given.
stream() { # target kind pid...
    local t=$1 kind=$2 port=${port_of[$1]}
    shift 2
    transfer_seq=$((transfer_seq + 1))
    local id uri url out="" rss_file=$tmp/rss-$t-$kind.txt sampler=""
    id=$(printf '0193a3f8-6a6c-7e1f-9b3a-%012d' "$transfer_seq")
    case $kind in download) uri=$TRANSFER_PATH/$id/download ;; *) uri=$TRANSFER_PATH/$id/upload ;; esac
    url="http://127.0.0.1:$port$uri"
    local curl_args=(-s -o /dev/null --max-time 600 -H "Authorization: Bearer $BENCH_JWT" -H 'Expect:')
    if (($# > 0)); then
        : >"$rss_file"
        sample_rss "$rss_file" "$@" &
        sampler=$!
        pids+=("$sampler")
        sleep 0.5 # baseline samples before the transfer starts
    fi
    local curl_out=$tmp/curl-$t-$kind.txt
    case $kind in
        download)
            run curl "${curl_args[@]}" -w '%{http_code} %{size_download} %{speed_download} %{time_total}' \
                "$url" >"$curl_out" || true
            ;;
        upload-length) # Content-Length: curl reads the sparse file
            run curl "${curl_args[@]}" -X POST -H 'Content-Type: application/octet-stream' -T "$stream_dir/upload-1g.bin" \
                -w '%{http_code} %{size_upload} %{speed_upload} %{time_total}' "$url" >"$curl_out" || true
            ;;
        upload-chunked) # the same file sent as Transfer-Encoding: chunked
            run curl "${curl_args[@]}" -X POST -H 'Content-Type: application/octet-stream' \
                -H 'Transfer-Encoding: chunked' -T "$stream_dir/upload-1g.bin" \
                -w '%{http_code} %{size_upload} %{speed_upload} %{time_total}' "$url" >"$curl_out" || true
            ;;
    esac
    out=$(cat "$curl_out")
    [[ -n $out ]] || out="curl-failed 0 0 0"
    local base=null peak=null growth=null
    if [[ -n $sampler ]]; then
        sleep 0.3
        kill "$sampler" 2>/dev/null || true
        wait "$sampler" 2>/dev/null || true
        unset 'pids[-1]'
        base=$(head -n1 "$rss_file")
        peak=$(sort -n "$rss_file" | tail -n1)
        growth=$((peak - base))
    fi
    local code bytes speed secs
    read -r code bytes speed secs <<<"$out"
    # Upstream's view: status, bytes read from the socket, body length, bytes of body sent.
    local u_status u_reqlen u_clen u_sent
    read -r _ _ _ u_status u_reqlen u_clen u_sent _ <<<"$(upstream_line "$uri")"
    local expected ok=true why=""
    if [[ $kind == download ]]; then
        expected=$DOWNLOAD_BYTES
        [[ $code == 200 && $bytes == "$expected" ]] || { ok=false why+=" client got $code/$bytes B;"; }
        [[ $u_status == 200 && $u_sent == "$expected" ]] || { ok=false why+=" upstream sent $u_status/$u_sent B;"; }
    else
        expected=$UPLOAD_BYTES
        # curl counts the chunk framing in size_upload; the exact body size is what the upstream read.
        [[ $code == 200 && $bytes =~ ^[0-9]+$ ]] && ((bytes >= expected)) ||
            { ok=false why+=" client sent $code/$bytes B;"; }
        [[ $u_status == 200 && $u_clen == "$expected" && $u_reqlen =~ ^[0-9]+$ ]] &&
            ((u_reqlen >= expected)) || { ok=false why+=" upstream read $u_status/$u_clen B ($u_reqlen B on the wire);"; }
    fi
    local mibs
    mibs=$(awk -v s="$speed" 'BEGIN { printf "%.1f", s / 1048576 }')
    printf '   %-9s %-15s %11s B  %8s MiB/s  %6.2f s' "$t" "$kind" "$bytes" "$mibs" "$secs"
    if [[ -n $sampler ]]; then
        printf '   RSS %6.1f → %6.1f MiB (+%.1f)' "$(awk -v k="$base" 'BEGIN { print k / 1024 }')" \
            "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" "$(awk -v k="$growth" 'BEGIN { print k / 1024 }')"
    fi
    if [[ $ok == true ]]; then
        printf '   bytes ok\n'
    else
        printf '   !! MISMATCH:%s\n' "$why"
        stream_failures=$((stream_failures + 1))
    fi
    stream_json+="${stream_json:+,}{\"target\":\"$t\",\"kind\":\"$kind\",\"http_status\":\"$code\",\"bytes\":${bytes:-0},\"expected_bytes\":$expected,\"upstream_status\":\"$u_status\",\"upstream_body_bytes\":\"$([[ $kind == download ]] && echo "$u_sent" || echo "$u_clen")\",\"upstream_request_length\":\"$u_reqlen\",\"bytes_ok\":$ok,\"mib_per_s\":$mibs,\"seconds\":${secs:-0},\"rss_baseline_kib\":$base,\"rss_peak_kib\":$peak,\"rss_growth_kib\":$growth}"
}

rss_pids_of() { # target → the processes whose memory counts
    case $1 in
        nginx) echo "$nginx_pid ${nginx_children[*]}" ;;
        portvakt) echo "$portvakt_pid" ;;
        *) echo "" ;;
    esac
}

portvakt_growth=null
if ((streaming)); then
    truncate -s "$UPLOAD_BYTES" "$stream_dir/upload-1g.bin"
    echo
    note "streaming: 2 GiB down, 1 GiB up (Content-Length and chunked), RSS sampled every 100 ms"
    # Direct first: it warms the page cache of the sparse file and gives the upstream's own speed as a reference.
    stream upstream download
    for t in "${targets[@]}"; do
        [[ $t == upstream ]] && continue
        # shellcheck disable=SC2046 # a list of pids
        for kind in download upload-length upload-chunked; do stream "$t" "$kind" $(rss_pids_of "$t"); done
    done
    if ((!only_nginx)); then
        portvakt_growth=$(grep -o '"target":"portvakt"[^}]*"rss_growth_kib":[0-9-]*' <<<"$stream_json" |
            sed 's/.*://' | sort -n | tail -n1)
        growth_ok=$(awk -v g="$portvakt_growth" -v t="$RSS_GROWTH_TARGET_KIB" 'BEGIN { print (g <= t) ? "true" : "false" }')
        echo "portvakt peak RSS growth: $(awk -v k="$portvakt_growth" 'BEGIN { printf "%.1f", k / 1024 }') MiB" \
            "(target <= 64 MiB: $([[ $growth_ok == true ]] && echo PASS || echo FAIL))"
    fi
    ((stream_failures == 0)) || echo "WARNING: $stream_failures transfer(s) did not move the expected bytes; see above."
fi

# --- results -------------------------------------------------------------------------------------------------------
mkdir -p Benchmarks/results
result_file=Benchmarks/results/load-$(date -u -d "$run_date" +%Y%m%dT%H%M%SZ)$( ((only_nginx)) && echo -nginx-only || true).json
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
{
    printf '{"benchmark":"load","mode":"%s","date":"%s",\n' "$( ((only_nginx)) && echo nginx-only || echo full)" "$run_date"
    printf ' "machine":{"nproc":%d,"cpu_model":%s,"kernel":%s,"load_average_at_start":%s},\n' \
        "$cpus" "$(json_string "$cpu_model")" "$(json_string "$kernel")" "$(json_string "$load_start")"
    printf ' "settings":{"duration":"%s","rounds":%d,"connections":%d,"threads":%d,"warmup":"%s","answer_bytes":%d,' \
        "$DURATION" "$ROUNDS" "$CONNECTIONS" "$THREADS" "$WARMUP" "$ANSWER_BYTES"
    printf '"nginx":%s,"wrk":%s,"nginx_proxy_workers":"%s","upstream_workers":"%s","portvakt_bin":%s},\n' \
        "$(json_string "$nginx_version")" "$(json_string "$wrk_version")" "$NGINX_WORKERS" "$UPSTREAM_WORKERS" \
        "$( ((only_nginx)) && echo null || json_string "$PORTVAKT_BIN")"
    printf ' "load":{'
    sep=""
    for t in "${targets[@]}"; do
        printf '%s\n  "%s":{"median":{"rps":%s,"p50_ms":%s,"p99_ms":%s,"cpu_us_per_request":%s,"machine_cpu_us_per_request":%s},"rounds":[%s]}' \
            "$sep" "$t" "${med_rps[$t]}" "${med_p50[$t]}" "${med_p99[$t]}" "${med_cpu[$t]}" "${med_machine_cpu[$t]}" \
            "${rounds_json_of[$t]}"
        sep=","
    done
    printf ',\n  "libcurl_client_alone":{"median":{"rps":%s,"cpu_us_per_request":%s},"rounds":[%s]}' \
        "$floor_med_rps" "$floor_med_cpu" "$floor_json"
    printf '},\n "ratios":{"nginx_over_upstream_rps":%s,"portvakt_over_nginx_rps":%s,"portvakt_over_nginx_p99":%s,' \
        "$nginx_vs_upstream" "$rps_ratio" "$p99_ratio"
    printf '"portvakt_over_nginx_cpu_per_request":%s,"portvakt_curl_engines_cpu_us_per_request":%s,' "$cpu_ratio" \
        "${med_engine_cpu[portvakt]:-null}"
    printf '"portvakt_cpu_us_per_request_at_target":%s,' "$cpu_budget"
    printf '"rps_target":0.8,"p99_target":1.5,"rps_ok":%s,"p99_ok":%s,' "$rps_ok" "$p99_ok"
    printf '"limits_on_over_off_rps":%s,"limits_on_over_off_p99":%s,"limits_target":0.95,"limits_ok":%s},\n' \
        "$limits_rps_ratio" "$limits_p99_ratio" "$limits_ok"
    printf ' "load_problems":%d,\n' "$problems"
    printf ' "streaming":{"skipped":%s,"download_bytes":%d,"upload_bytes":%d,"rss_growth_target_kib":%d,' \
        "$( ((streaming)) && echo false || echo true)" "$DOWNLOAD_BYTES" "$UPLOAD_BYTES" "$RSS_GROWTH_TARGET_KIB"
    printf '"portvakt_rss_growth_kib":%s,"failures":%d,"transfers":[%s]}}\n' "${portvakt_growth:-null}" \
        "$stream_failures" "$stream_json"
} >"$result_file"
echo
echo "results: $result_file"

# --strict: a missed target or a failed check is an error exit (3), for CI-like use.
if ((strict)); then
    failed=0
    ((problems == 0 && stream_failures == 0)) || failed=1
    [[ $rps_ok == false || $p99_ok == false ]] && failed=1
    [[ ${growth_ok:-true} == false ]] && failed=1
    ((failed == 0)) || { echo "load.sh: --strict: a target was missed or a check failed" >&2; exit 3; }
fi
